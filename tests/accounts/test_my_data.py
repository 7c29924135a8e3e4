"""Everything the site holds about a person, as one JSON download: each app's part is
there, another person's is not, and no secret is."""

import datetime
import hashlib
import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.urls import reverse
from django.utils import timezone

from base import personal_data
from certificates.actions import issue_certificate
from mail.actions import queue_email
from modules.actions import record_page_view
from modules.models import Enrolment, Page
from organisations import actions as org_actions
from organisations.models import Organisation, OwnerScope
from quizzes.actions import start_attempt, submit_attempt
from reminders.models import OptOut, Reminder
from teams import actions as team_actions
from tests.teams.helpers import answers
from tracking.identity import person_agent_key
from tracking.models import Document, Statement

pytestmark = pytest.mark.django_db


def _answer_everything(attempt):
    chosen = {}
    for question in attempt.quiz.questions.filter(key__in=attempt.question_keys):
        chosen[question.key] = [question.choices.order_by("order").first().key]
    return chosen


@pytest.fixture
def person_with_everything(trio, union_rep, leader):
    """The union rep of a trio, with something in every app."""
    union = Organisation.objects.create(name="Forbund A", kind=Organisation.Kind.UNION)
    org_actions.join_organisation(union_rep, union, consent=True, share_name=True)
    OwnerScope.objects.create(user=union_rep, organisation=union)
    enrolment = Enrolment.objects.get(user=union_rep)
    record_page_view(enrolment, Page.objects.filter(version=enrolment.version).first(), "nb")
    attempt = start_attempt(enrolment)
    submit_attempt(attempt, _answer_everything(attempt))
    Enrolment.objects.filter(pk=enrolment.pk).update(completed_at=timezone.now())
    issue_certificate(enrolment)
    team_actions.record_baseline(trio.public_id, answers(3), acting_user=union_rep)
    Reminder.objects.create(
        kind="stalled_enrolment",
        subject_key=f"enrolment:{enrolment.pk}",
        due_on=datetime.date(2026, 1, 5),
        user=union_rep,
        recipient=f"user:{union_rep.pk}",
    )
    OptOut.objects.create(user=union_rep, kind="stalled_enrolment")
    EmailAddress.objects.create(user=union_rep, email="tore@home.test", verified=True)
    queue_email(union_rep.email, "Hei Tore", "Til deg")
    queue_email("tore@home.test", "Hei igjen", "Til den andre adressen")
    content = b'{"bookmark": "side-3"}'
    Document.objects.create(
        key=hashlib.sha256(b"state-of-tore").hexdigest(),
        kind="state",
        activity="https://example.test/a",
        agent=person_agent_key(union_rep.xapi_id),
        document_id="bookmark",
        content_type="application/json",
        content=content,
        etag=hashlib.sha1(content).hexdigest(),  # noqa: S324 - xAPI's etag is SHA-1
        updated=timezone.now(),
    )
    Authenticator.objects.create(
        user=union_rep, type=Authenticator.Type.TOTP, data={"secret": "TOP-SECRET-SEED"}
    )
    # Someone else's data, which must not appear.
    queue_email(leader.email, "Hei Lena", "Til Lena")
    return union_rep


def download(client, user):
    client.force_login(user)
    response = client.get(reverse("profile_data"))
    assert response.status_code == 200
    return response, json.loads(response.content)


def test_every_app_contributes_its_part(client, person_with_everything):
    tore = person_with_everything
    response, data = download(client, tore)
    sections = data["sections"]
    assert set(sections) == {
        "accounts",
        "certificates",
        "mail",
        "modules",
        "organisations",
        "quizzes",
        "reminders",
        "reporting",
        "teams",
        "tracking",
    }
    assert set(sections) == set(personal_data.sections())
    account = sections["accounts"]
    assert account["email"] == "tv@example.test" and account["display_name"] == "Tore"
    assert account["roles"] == ["union_rep"] and account["two_factor_authentication"] is True
    assert account["email_addresses"] == [
        {"email": "tore@home.test", "verified": True, "primary": False}
    ]
    (affiliation,) = sections["organisations"]["affiliations"]
    assert affiliation["organisation"] == "Forbund A" and affiliation["share_name"] is True
    assert affiliation["consented_at"] and affiliation["share_name_at"]
    assert sections["organisations"]["owner_scopes"][0]["modules"] == "all"
    (enrolment,) = sections["modules"]["enrolments"]
    assert len(enrolment["page_views"]) == 1 and enrolment["completed_at"]
    (attempt,) = sections["quizzes"]["attempts"]
    assert attempt["answers"] and attempt["answers"][0]["selected"]
    assert sections["certificates"]["certificates"][0]["code"]
    (team,) = sections["teams"]["teams"]
    assert team["workplace"] == "Solstua barnehage" and team["seats"][0]["role"] == "union_rep"
    assert sections["teams"]["assessments"][0]["when"] == "baseline"
    assert any(e["event"] == "joined" for e in sections["teams"]["team_history"])
    assert sections["reminders"]["reminders"][0]["kind"] == "stalled_enrolment"
    assert sections["reminders"]["opt_outs"] == [
        {"kind": "stalled_enrolment", "at": sections["reminders"]["opt_outs"][0]["at"]}
    ]
    assert [e["subject"] for e in sections["mail"]["emails"]] == ["Hei Tore", "Hei igjen"]
    tracking = sections["tracking"]
    assert tracking["actor_id"] == str(tore.xapi_id)
    mine = Statement.objects.filter(agent=person_agent_key(tore.xapi_id)).count()
    assert mine >= 3 and len(tracking["statements"]) >= mine
    assert tracking["documents"][0]["content"] == '{"bookmark": "side-3"}'


def test_the_download_is_not_cached_and_names_no_one(client, person_with_everything):
    response, _data = download(client, person_with_everything)
    assert response["Cache-Control"] == "no-store"
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="my-data-20') and "@" not in disposition
    assert "@" not in reverse("profile_data")


def test_no_secret_and_nobody_elses_data(client, person_with_everything, leader):
    tore = person_with_everything
    response, _data = download(client, tore)
    text = response.content.decode()
    assert "TOP-SECRET-SEED" not in text and tore.password not in text
    assert "Hei Lena" not in text and leader.email not in text
    assert str(leader.xapi_id) not in text
    token = Reminder.objects.get(user=tore).token
    assert token not in text


def test_another_person_gets_only_their_own(client, person_with_everything, leader):
    _response, data = download(client, leader)
    sections = data["sections"]
    assert sections["accounts"]["email"] == "leader@example.test"
    assert sections["organisations"] == {"affiliations": [], "owner_scopes": []}
    assert sections["quizzes"]["attempts"] == [] and sections["certificates"]["certificates"] == []
    assert sections["reminders"] == {"reminders": [], "opt_outs": []}
    assert [e["subject"] for e in sections["mail"]["emails"]] == ["Hei Lena"]
    assert sections["tracking"]["documents"] == []
    assert sections["teams"]["assessments"] == []
    assert str(person_with_everything.xapi_id) not in json.dumps(data)


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("profile_data"))
    assert response.status_code == 302 and "/login/" in response["Location"]
