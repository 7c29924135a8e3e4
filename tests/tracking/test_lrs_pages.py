"""Pages of filtered statement queries: the matches and the statements that point at a
match (StatementRef) are read by separate queries (tracking.lrs.read.page_querysets) and
must come out as one list in order, page after page."""

from datetime import UTC, datetime

import pytest

from tests.tracking.test_lrs import V, basic, post, stmt
from tracking.actions import create_lrs_client
from tracking.models import Statement


@pytest.fixture
def writer(db):
    client, secret = create_lrs_client("pages")
    return {**V, **basic(client.key, secret)}


def pointing_at(target: str, n: int) -> dict:
    return stmt(
        n,
        verb={"id": "http://adlnet.gov/expapi/verbs/commented"},
        object={"objectType": "StatementRef", "id": target},
    )


def all_pages(client, writer, params) -> list[str]:
    page = client.get("/xapi/statements", params, **writer).json()
    seen = [s["id"] for s in page["statements"]]
    while page["more"]:
        page = client.get(page["more"], **writer).json()
        seen += [s["id"] for s in page["statements"]]
    return seen


@pytest.mark.parametrize("ascending", [False, True])
@pytest.mark.parametrize("limit", [1, 2, 3, 50])
def test_matches_and_statements_pointing_at_them_interleave_in_order(
    client, writer, ascending, limit
):
    in_order = []
    for n in range(4):
        (own,) = post(client, writer, stmt(1)).json()  # actor p1, the match
        post(client, writer, stmt(2))  # another person: no match
        in_order.append(own)
        if n % 2:
            (ref,) = post(client, writer, pointing_at(own, 3)).json()
            in_order.append(ref)
    params = {
        "agent": '{"account": {"homePage": "http://x.test", "name": "p1"}}',
        "limit": limit,
        "ascending": "true" if ascending else "false",
    }
    expected = in_order if ascending else in_order[::-1]
    assert all_pages(client, writer, params) == expected


def test_a_statement_that_matches_and_points_at_a_match_comes_once(client, writer):
    (first,) = post(client, writer, stmt(1)).json()
    (second,) = post(client, writer, pointing_at(first, 1)).json()  # actor p1 too
    params = {"agent": '{"account": {"homePage": "http://x.test", "name": "p1"}}', "limit": 1}
    assert all_pages(client, writer, params) == [second, first]


def test_statements_pointing_at_a_match_respect_since_and_the_page_end(client, writer):
    (target,) = post(client, writer, stmt(1)).json()
    first = client.get("/xapi/statements", {"activity": "http://x.test/a/1", "limit": 1}, **writer)
    (ref,) = post(client, writer, pointing_at(target, 5)).json()  # after the first page
    page = first.json()
    assert [s["id"] for s in page["statements"]] == [target] and page["more"] == ""
    later = client.get("/xapi/statements", {"activity": "http://x.test/a/1"}, **writer).json()
    assert [s["id"] for s in later["statements"]] == [ref, target]
    Statement.objects.filter(statement_id=target).update(stored=datetime(2026, 1, 1, tzinfo=UTC))
    Statement.objects.filter(statement_id=ref).update(stored=datetime(2026, 1, 3, tzinfo=UTC))
    for window, expected in (
        ({"since": "2026-01-02T00:00:00Z"}, [ref]),
        ({"until": "2026-01-02T00:00:00Z"}, [target]),
    ):
        got = client.get("/xapi/statements", {"activity": "http://x.test/a/1", **window}, **writer)
        assert [s["id"] for s in got.json()["statements"]] == expected


def test_a_voided_match_leaves_the_statements_pointing_at_it_with_since(client, writer):
    """ADL's conformance test XAPI-00162: a query by verb and since, whose one match is
    voided, answers the voiding statement and another StatementRef to it."""
    verb = {"id": "http://x.test/verbs/tested"}
    (target,) = post(client, writer, stmt(1, verb=verb)).json()
    voiding = stmt(
        2,
        verb={"id": "http://adlnet.gov/expapi/verbs/voided"},
        object={"objectType": "StatementRef", "id": target},
    )
    (voider,) = post(client, writer, voiding).json()
    (ref,) = post(client, writer, {**pointing_at(target, 3), "verb": verb}).json()
    got = client.get(
        "/xapi/statements", {"verb": verb["id"], "since": "2020-01-01T00:00:00Z"}, **writer
    )
    assert [s["id"] for s in got.json()["statements"]] == [ref, voider]


def test_a_filtered_page_takes_the_same_queries_however_many_statements(client, writer):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    params = {"agent": '{"account": {"homePage": "http://x.test", "name": "p1"}}', "limit": 2}
    counts = []
    for _ in range(2):
        post(client, writer, [stmt(1) for _ in range(10)] + [stmt(2) for _ in range(10)])
        with CaptureQueriesContext(connection) as queries:
            page = client.get("/xapi/statements", params, **writer).json()
        assert len(page["statements"]) == 2 and page["more"]
        counts.append(len(queries.captured_queries))
    # The client's credentials, whether it is scoped to an organisation (reporting.lrs),
    # the last seq, the matches, the StatementRefs to them.
    assert counts == [5, 5]
