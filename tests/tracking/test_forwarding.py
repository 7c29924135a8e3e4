"""Forwarding to an external LRS: delivered once, never lost, bad input isolated."""

import json
from datetime import timedelta

import httpx
import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from tracking import forwarding
from tracking.actions import record_statements
from tracking.forwarding import forward_pending
from tracking.models import ForwardStatus, Statement

ENDPOINT = "http://lrs.test/xapi"


def make_statement(n: int) -> dict:
    return {
        "id": f"00000000-0000-4000-8000-{n:012d}",
        "actor": {"objectType": "Agent", "account": {"homePage": "http://x", "name": f"p{n}"}},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced"},
        "object": {"objectType": "Activity", "id": f"http://x/a/{n}"},
        "timestamp": "2026-01-01T00:00:00.000Z",
    }


class FakeLRS:
    """An LRS at the HTTP boundary: records what arrives, answers as told."""

    def __init__(self):
        self.received: dict[str, dict] = {}
        self.posts: list[list[str]] = []
        self.answer = None  # a status to answer every POST with, or None for normal
        self.bad_ids: set[str] = set()
        self.down = False

    def handler(self, request: httpx.Request) -> httpx.Response:
        assert request.headers["X-Experience-API-Version"] == "1.0.3"
        if self.down:
            raise httpx.ConnectError("connection refused", request=request)
        if request.method == "GET":
            found = self.received.get(request.url.params["statementId"])
            if found is None:
                return httpx.Response(404)
            return httpx.Response(200, json={"statements": [found]})  # Ralph's wrapper
        batch = json.loads(request.content)
        ids = [s["id"] for s in batch]
        self.posts.append(ids)
        if self.answer:
            return httpx.Response(self.answer)
        if self.bad_ids & set(ids):
            return httpx.Response(400, json={"detail": "invalid statement"})
        if any(i in self.received for i in ids):
            if all(self.received.get(s["id"]) == s for s in batch):
                return httpx.Response(204)  # identical re-POST
            return httpx.Response(409)
        for s in batch:
            self.received[s["id"]] = s
        return httpx.Response(200, json=ids)


@pytest.fixture
def lrs(settings, monkeypatch, db):
    settings.XAPI_LRS_ENDPOINT = ENDPOINT
    fake = FakeLRS()
    monkeypatch.setattr(
        forwarding,
        "http_client",
        lambda: httpx.Client(
            transport=httpx.MockTransport(fake.handler),
            headers={"X-Experience-API-Version": "1.0.3"},
        ),
    )
    return fake


def add(n: int, start: int = 0) -> list[Statement]:
    return record_statements([make_statement(i) for i in range(start, start + n)])


def status_counts() -> dict[str, int]:
    out = {}
    for status in Statement.objects.values_list("forward_status", flat=True):
        out[status] = out.get(status, 0) + 1
    return out


def test_statements_are_forwarded_after_commit(lrs, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        add(3)
    assert len(lrs.received) == 3
    assert status_counts() == {ForwardStatus.DELIVERED: 3}


def test_batches_of_the_configured_size(lrs, settings):
    settings.XAPI_FORWARD_BATCH = 4
    add(10)
    report = forward_pending()
    assert report.delivered == 10
    assert [len(p) for p in lrs.posts] == [4, 4, 2]


def test_lrs_down_then_back_loses_nothing_and_sends_once(lrs):
    add(5)
    lrs.down = True
    report = forward_pending()
    assert report.retry == 5
    row = Statement.objects.first()
    assert row.forward_status == ForwardStatus.PENDING
    assert row.forward_attempts == 1
    assert "network" in row.forward_error
    assert row.forward_after > timezone.now()
    # Not due yet: nothing is sent.
    lrs.down = False
    assert forward_pending().delivered == 0
    with time_machine.travel(timezone.now() + timedelta(minutes=2), tick=False):
        assert forward_pending().delivered == 5
    assert sorted(lrs.received) == sorted(str(r.statement_id) for r in Statement.objects.all())
    assert sum(len(p) for p in lrs.posts) == 5


@pytest.mark.parametrize("status", [500, 502, 503, 429])
def test_server_errors_back_off(lrs, status):
    add(2)
    lrs.answer = status
    forward_pending()
    first = Statement.objects.first()
    assert first.forward_status == ForwardStatus.PENDING
    with time_machine.travel(first.forward_after + timedelta(seconds=1), tick=False):
        forward_pending()
    again = Statement.objects.first()
    assert again.forward_attempts == 2
    # Exponential: the second wait is longer than the first could have been at most.
    assert again.forward_after - timezone.now() > timedelta(seconds=2)


@pytest.mark.parametrize("status", [401, 403, 413])
def test_refusals_park_and_say_why(lrs, status):
    add(2)
    lrs.answer = status
    report = forward_pending()
    assert report.parked == 2
    assert status_counts() == {ForwardStatus.PARKED: 2}
    assert str(status) in Statement.objects.first().forward_error
    lrs.answer = None
    assert forward_pending().delivered == 0  # parked stays parked until an operator acts


def test_a_bad_statement_is_isolated_and_the_rest_delivered(lrs):
    rows = add(8)
    lrs.bad_ids = {str(rows[5].statement_id)}
    report = forward_pending()
    assert report.delivered == 7 and report.parked == 1
    parked = Statement.objects.get(forward_status=ForwardStatus.PARKED)
    assert str(parked.statement_id) == str(rows[5].statement_id)


def test_conflict_with_equal_statement_counts_as_delivered(lrs):
    rows = add(2)
    lrs.received[str(rows[0].statement_id)] = rows[0].data  # already there, the same
    # A mixed batch: first exists and is equal, second is new.
    report = forward_pending()
    assert report.delivered == 2
    assert status_counts() == {ForwardStatus.DELIVERED: 2}


def test_conflict_with_a_different_statement_is_parked(lrs):
    rows = add(1)
    changed = dict(rows[0].data, verb={"id": "http://adlnet.gov/expapi/verbs/voided"})
    lrs.received[str(rows[0].statement_id)] = changed
    lrs.answer = 409
    report = forward_pending()
    assert report.parked == 1
    assert "another statement" in Statement.objects.get().forward_error


def test_worker_killed_mid_batch_rows_are_sent_after_the_lease(lrs):
    add(3)
    forwarding._claim(100)  # a worker took the rows and died before settling them
    assert forward_pending().delivered == 0  # leased: nobody else sends them yet
    with time_machine.travel(timezone.now() + forwarding.LEASE + timedelta(seconds=1), tick=False):
        assert forward_pending().delivered == 3
    assert len(lrs.received) == 3


def test_two_workers_claim_different_rows(lrs):
    add(6)
    _token_a, first = forwarding._claim(3)
    _token_b, second = forwarding._claim(3)
    assert {r.pk for r in first}.isdisjoint({r.pk for r in second})
    assert len(first) == len(second) == 3


def test_nothing_is_sent_without_an_endpoint(settings, db):
    settings.XAPI_LRS_ENDPOINT = ""
    add(2)
    assert forward_pending().delivered == 0
    assert status_counts() == {ForwardStatus.PENDING: 2}


def test_forward_statements_command(lrs, capsys):
    add(2)
    call_command("forward_statements")
    assert "delivered 2" in capsys.readouterr().out


def test_forward_statements_command_without_endpoint(settings, db):
    settings.XAPI_LRS_ENDPOINT = ""
    with pytest.raises(CommandError):
        call_command("forward_statements")


def test_broker_down_does_not_break_the_learners_request(
    lrs, monkeypatch, django_capture_on_commit_callbacks
):
    from tracking import tasks

    calls = []

    def broken(*args, **kwargs):
        calls.append(1)
        raise ConnectionError("broker down")

    monkeypatch.setattr(tasks.forward_statements_task, "apply_async", broken)
    with django_capture_on_commit_callbacks(execute=True):
        add(1)
    assert calls == [1]  # it tried, failed, and the caller did not see an error
    # The statement waits, pending, for the periodic sweep.
    assert status_counts() == {ForwardStatus.PENDING: 1}


def test_admin_shows_pending_and_parked_counts_and_last_error(lrs, admin_client):
    add(3)
    lrs.answer = 401
    forward_pending()
    add(2, start=10)
    response = admin_client.get("/admin/tracking/statement/")
    assert response.context["forwarding"]["pending"] == 2
    assert response.context["forwarding"]["parked"] == 3
    html = response.content.decode()
    assert "401 from LRS" in html
