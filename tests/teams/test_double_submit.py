"""Double submits of the team forms that make something (a double click, a reload, a
second tab): the same form sent twice makes one thing, and the second answer says it
went well (base.submit). Enrolling (tests/modules/test_player.py), submitting a quiz
(tests/quizzes/test_quiz_views.py) and a new team (test_input_hardening.py) are
tested where they live; starting a quiz is here."""

from datetime import timedelta

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.urls import reverse

from base.models import FormSubmission
from base.submit import forget_old
from mail.models import Email
from teams.actions import confirm_plan, invite, record_baseline, save_plan
from teams.models import Assessment, Invitation, PlanConfirmation, PlanVersion, TeamEvent
from tests.conftest import client_for
from tests.teams.helpers import answers, plan_actions
from tests.teams.test_check_ins import START
from tracking.models import Statement


def token_in(response, action: str | None = None) -> str:
    """The one-time token of the page's form that posts to ``action`` (None: the form
    without an action, which posts back to the page)."""
    soup = BeautifulSoup(response.content, "html.parser")
    for form in soup.find_all("form", method="post"):
        if form.get("action") == action:
            return form.find("input", {"name": "submit_token"})["value"]
    raise AssertionError(f"no form posting to {action}")


def twice(client, url: str, data: dict):
    first = client.post(url, data)
    second = client.post(url, data)
    return first, second


def made(*models) -> tuple[int, ...]:
    return tuple(model.objects.count() for model in models)


def success(response, client, text: str) -> bool:
    """A redirect whose page shows the success message ``text`` (in bokmål)."""
    page = client.get(response["Location"])
    return response.status_code == 302 and text in page.content.decode()


def test_an_invitation_sent_twice_is_one_invitation_and_one_email(client, leader, team):
    client_for(client, leader)
    url = reverse("seat_invite", args=[team.public_id, "safety_rep"])
    token = token_in(client.get(reverse("team_detail", args=[team.public_id])), url)
    before = made(Invitation, Email, TeamEvent, Statement)
    first, second = twice(client, url, {"email": "vo@example.test", "submit_token": token})
    assert made(Invitation, Email, TeamEvent, Statement) == tuple(
        n + d for n, d in zip(before, (1, 1, 1, 0), strict=True)
    )
    assert success(second, client, "Invitasjonen er sendt på e-post.")
    assert first["Location"] == second["Location"]
    live = Invitation.objects.get(team=team, role="safety_rep")
    assert live.is_usable()  # the second submit did not withdraw the first link
    # The form shown again has a new token: that is a new link, as asked for.
    again = token_in(client.get(reverse("team_detail", args=[team.public_id])), url)
    client.post(url, {"email": "vo@example.test", "submit_token": again})
    assert Invitation.objects.filter(team=team, role="safety_rep").count() == 2
    live.refresh_from_db()
    assert not live.is_usable()


def test_send_again_twice_sends_one_email(client, leader, team):
    invitation = invite(team.public_id, "safety_rep", "vo@example.test", acting_user=leader)
    client_for(client, leader)
    url = reverse("invitation_resend", args=[team.public_id, invitation.pk])
    token = token_in(client.get(reverse("team_detail", args=[team.public_id])), url)
    before = Email.objects.count()
    first, second = twice(client, url, {"submit_token": token})
    assert Email.objects.count() == before + 1
    assert success(second, client, "Invitasjonen er sendt på nytt.")


def test_the_baseline_sent_twice_is_recorded_once(client, leader, trio):
    client_for(client, leader)
    url = reverse("team_baseline", args=[trio.public_id])
    token = token_in(client.get(reverse("team_session", args=[trio.public_id])), url)
    before = made(Assessment, TeamEvent, Statement)
    first, second = twice(client, url, {**answers(3), "submit_token": token})
    assert made(Assessment, TeamEvent, Statement) == tuple(n + 1 for n in before)
    assert success(second, client, "Svarene dine er lagret.")


def test_the_factors_sent_twice_are_mapped_once(client, leader, trio):
    client_for(client, leader)
    url = reverse("team_factors", args=[trio.public_id])
    token = token_in(client.get(reverse("team_session", args=[trio.public_id])), url)
    before = made(TeamEvent, Statement)
    first, second = twice(client, url, {"key_1": "stoy", "submit_token": token})
    assert made(TeamEvent, Statement) == tuple(n + 1 for n in before)
    assert list(trio.factors.values_list("key", flat=True)) == ["stoy"]
    assert success(second, client, "Faktorene er lagret.")


def test_the_plan_saved_twice_is_one_version_and_no_false_alarm(client, leader, trio):
    client_for(client, leader)
    url = reverse("team_plan_edit", args=[trio.public_id])
    token = token_in(client.get(url))
    due = (START + timedelta(days=20)).date().isoformat()
    data = {"based_on": 0, "text_1": "Nye stoler", "owner_1": "leader", "due_1": due}
    first, second = twice(client, url, {**data, "done_1": "Kjøpt", "submit_token": token})
    assert PlanVersion.objects.filter(team=trio).count() == 1
    # Not "someone changed the plan while you were writing": it was this same form.
    assert success(second, client, "Planen er lagret.")


def test_a_confirmation_sent_twice_is_one_confirmation(client, leader, safety_rep, trio):
    plan = save_plan(trio.public_id, 0, plan_actions("leader"), acting_user=leader)
    client_for(client, safety_rep)
    url = reverse("team_plan_confirm", args=[trio.public_id])
    token = token_in(client.get(reverse("team_session", args=[trio.public_id])), url)
    first, second = twice(client, url, {"number": plan.number, "submit_token": token})
    assert PlanConfirmation.objects.filter(plan=plan).count() == 1
    # Not "you have already confirmed this version".
    assert success(second, client, "Bekreftelsen din er lagret.")


@pytest.fixture
def agreed(trio, leader, safety_rep, union_rep):
    with time_machine.travel(START, tick=False):
        for member in (leader, safety_rep, union_rep):
            record_baseline(trio.public_id, answers(2), acting_user=member)
        plan = save_plan(trio.public_id, 0, plan_actions("leader"), acting_user=leader)
        for member in (leader, safety_rep, union_rep):
            plan = confirm_plan(trio.public_id, plan.number, acting_user=member)
    return plan


def test_a_check_in_sent_twice_is_recorded_once(client, trio, union_rep, leader, agreed):
    url = reverse("team_check_in", args=[trio.public_id, 1])
    with time_machine.travel(START + timedelta(days=31), tick=False):
        client_for(client, union_rep)
        token = token_in(client.get(url))
        data = {**answers(3), "submit_token": token}
        data.update({f"status_{a.pk}": "done" for a in agreed.actions.all()})
        before = made(Assessment, TeamEvent, Statement)
        first, second = twice(client, url, data)
        assert made(Assessment, TeamEvent, Statement) == tuple(
            n + d for n, d in zip(before, (1, 1, 2), strict=True)
        )
        assert success(second, client, "Oppfølgingen er lagret.")

        # Another member's own answers to the recorded check-in, sent twice.
        client_for(client, leader)
        token = token_in(client.get(url))
        before = Assessment.objects.count()
        first, second = twice(client, url, {**answers(4), "submit_token": token})
        assert Assessment.objects.count() == before + 1
        assert success(second, client, "Oppfølgingen er lagret.")


def test_without_a_token_the_old_answers_stand(client, leader, safety_rep, trio):
    """A form without a token (an old page, a script) is not made idempotent: the
    action's own rules answer, as before."""
    plan = save_plan(trio.public_id, 0, plan_actions("leader"), acting_user=leader)
    client_for(client, safety_rep)
    url = reverse("team_plan_confirm", args=[trio.public_id])
    client.post(url, {"number": plan.number, "submit_token": "not-a-uuid"})
    again = client.post(url, {"number": plan.number}, follow=True)
    assert "Du har allerede bekreftet denne versjonen." in again.content.decode()


def test_a_token_is_one_persons(client, leader, safety_rep, team):
    """Someone else sending the same token makes their own thing (and sees nothing of
    the first person's)."""
    client_for(client, leader)
    url = reverse("seat_invite", args=[team.public_id, "safety_rep"])
    token = token_in(client.get(reverse("team_detail", args=[team.public_id])), url)
    client.post(url, {"email": "", "submit_token": token})
    client_for(client, safety_rep)  # not a member: 404, nothing made
    assert client.post(url, {"email": "", "submit_token": token}).status_code == 404
    assert Invitation.objects.filter(team=team).count() == 1


def test_tokens_are_forgotten_after_two_days(client, leader, team):
    client_for(client, leader)
    url = reverse("seat_invite", args=[team.public_id, "safety_rep"])
    token = token_in(client.get(reverse("team_detail", args=[team.public_id])), url)
    client.post(url, {"email": "", "submit_token": token})
    assert forget_old() == 0
    with time_machine.travel(timedelta(days=2, minutes=1)):
        assert forget_old() == 1
    assert not FormSubmission.objects.exists()


def test_starting_a_quiz_twice_is_one_attempt(learner_client, enrolment):
    url = reverse("quiz_start", args=[enrolment.pk])
    first, second = twice(learner_client, url, {})
    assert first["Location"] == second["Location"]
    assert enrolment.attempts.count() == 1


def test_a_repeat_after_what_it_made_is_gone_changes_nothing(client, leader, team):
    client_for(client, leader)
    url = reverse("seat_invite", args=[team.public_id, "safety_rep"])
    token = token_in(client.get(reverse("team_detail", args=[team.public_id])), url)
    client.post(url, {"email": "", "submit_token": token})
    Invitation.objects.filter(team=team).delete()
    response = client.post(url, {"email": "", "submit_token": token}, follow=True)
    assert "Dette skjemaet er allerede sendt." in response.content.decode()
    assert not Invitation.objects.filter(team=team).exists()
