"""Every schedule with time moved forward: a stalled module, an open invitation, a team
check-in (due and late). Each reminder once, with a link to exactly the thing to do."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from base.roles import Role
from modules.actions import record_page_view
from modules.models import Enrolment, Page
from reminders.models import Reminder
from teams.actions import (
    accept_invitation,
    complete_check_in,
    confirm_plan,
    invite,
    record_baseline,
    save_plan,
)
from tests.factories import UserFactory
from tests.reminders.helpers import links, run_at
from tests.teams.helpers import answers, plan_actions
from tracking.models import Statement

START = datetime(2027, 1, 31, 10, 0, tzinfo=timezone.get_current_timezone())


def follow(client, message, index=0) -> str:
    response = client.get(links(message)[index])
    assert response.status_code == 302
    return response.url


# --- stalled enrolment ---------------------------------------------------------------------


@pytest.fixture
def started(learner, starter, barnehage):
    from modules.actions import enrol_learner

    with time_machine.travel(START, tick=False):
        return enrol_learner(learner, starter, barnehage, Role.UNION_REP)


def test_a_stalled_module_is_nudged_after_7_and_14_days_and_no_more(client, learner, started):
    assert run_at(START + timedelta(days=6, hours=23)) == []
    [first] = run_at(START + timedelta(days=7, hours=1))
    assert first.to == [learner.email]
    assert run_at(START + timedelta(days=8)) == []
    [second] = run_at(START + timedelta(days=14, hours=1))
    for day in (15, 21, 22, 40):
        assert run_at(START + timedelta(days=day)) == []
    assert Reminder.objects.filter(kind="stalled_enrolment", status="sent").count() == 2
    assert follow(client, first) == reverse("learn_continue", args=[started.pk])
    assert follow(client, first) == reverse("learn_continue", args=[started.pk])
    sent = Statement.objects.filter(verb__endswith="/was-reminded")
    followed = Statement.objects.filter(verb__endswith="/followed-reminder")
    assert (sent.count(), followed.count()) == (2, 1)  # followed: the first opening
    for statement in (*sent, *followed):
        assert statement.data["actor"]["account"]["name"] == str(learner.xapi_id)
        assert learner.email not in str(statement.data)


def test_activity_moves_the_nudge_and_completion_stops_it(learner, started):
    page = Page.objects.filter(version=started.version).order_by("order").first()
    with time_machine.travel(START + timedelta(days=5), tick=False):
        record_page_view(Enrolment.objects.get(pk=started.pk), page, "nb")
    assert run_at(START + timedelta(days=8)) == []
    assert len(run_at(START + timedelta(days=12, hours=1))) == 1
    Enrolment.objects.filter(pk=started.pk).update(completed_at=START + timedelta(days=13))
    assert run_at(START + timedelta(days=19, hours=1)) == []


def test_a_nudge_found_but_completed_before_sending_is_not_sent(learner, started):
    from reminders.engine import scan, send_due

    with time_machine.travel(START + timedelta(days=7, hours=1), tick=False):
        scan()
        Enrolment.objects.filter(pk=started.pk).update(completed_at=timezone.now())
        send_due()
    assert Reminder.objects.get().status == "skipped"


# --- open invitation -------------------------------------------------------------------


def test_an_open_invitation_reminds_invitee_and_inviter_after_3_and_10_days(client, leader, team):
    with time_machine.travel(START, tick=False):
        invitation = invite(team.public_id, Role.UNION_REP, "tv@example.test", acting_user=leader)
    assert run_at(START + timedelta(days=2, hours=23)) == []
    for day in (3, 10):
        sent = run_at(START + timedelta(days=day, hours=1))
        assert sorted(m.to[0] for m in sent) == ["leader@example.test", "tv@example.test"]
        to_invitee = next(m for m in sent if m.to == ["tv@example.test"])
        to_leader = next(m for m in sent if m.to == ["leader@example.test"])
        assert follow(client, to_invitee) == reverse("team_join", args=[invitation.token])
        assert follow(client, to_leader) == (
            reverse("team_detail", args=[team.public_id]) + "#seat-union_rep"
        )
        assert run_at(START + timedelta(days=day, hours=5)) == []
    assert run_at(START + timedelta(days=13)) == []


def test_an_answered_invitation_reminds_nobody(leader, team, union_rep):
    with time_machine.travel(START, tick=False):
        invitation = invite(team.public_id, Role.UNION_REP, "tv@example.test", acting_user=leader)
    with time_machine.travel(START + timedelta(days=1), tick=False):
        accept_invitation(invitation.token, acting_user=union_rep)
    assert run_at(START + timedelta(days=3, hours=1)) == []
    run_at(START + timedelta(days=10, hours=1))  # the new member's module may nudge by now
    assert not Reminder.objects.filter(kind="team_invitation").exists()


# --- team check-in -----------------------------------------------------------------------


@pytest.fixture
def agreed(trio, leader, safety_rep, union_rep):
    with time_machine.travel(START, tick=False):
        for member, value in ((leader, 2), (safety_rep, 1), (union_rep, 2)):
            record_baseline(trio.public_id, answers(value), acting_user=member)
        plan = save_plan(
            trio.public_id, 0, plan_actions("leader", "safety_rep", "union_rep"), acting_user=leader
        )
        for member in (leader, safety_rep, union_rep):
            plan = confirm_plan(trio.public_id, plan.number, acting_user=member)
    return plan


def test_a_check_in_reminds_every_member_on_the_day_and_the_team_when_14_days_late(
    client, trio, agreed, leader, safety_rep, union_rep
):
    due = trio.check_ins.get(number=1).due_at  # 28 February, 10:00
    assert run_at(due - timedelta(hours=1)) == []
    on_the_day = run_at(due + timedelta(hours=1))
    members = sorted(u.email for u in (leader, safety_rep, union_rep))
    assert sorted(m.to[0] for m in on_the_day) == members
    path = reverse("team_check_in", args=[trio.public_id, 1])
    client.force_login(safety_rep)
    for message in on_the_day:
        assert follow(client, message) == path
        assert client.get(path).status_code == 200
        [(name, ics, kind)] = message.attachments
        assert kind == "text/calendar"
        assert "DTSTART;VALUE=DATE:20270228" in ics and "BEGIN:VEVENT" in ics
    assert run_at(due + timedelta(days=1)) == []
    late = run_at(due + timedelta(days=14, hours=1))
    assert sorted(m.to[0] for m in late) == members
    assert all(
        "14" in m.subject or "two weeks" in m.subject or "to uker" in m.subject for m in late
    )
    assert run_at(due + timedelta(days=15)) == []


def test_a_done_check_in_is_not_reminded_and_a_member_who_left_gets_nothing(
    trio, agreed, leader, union_rep
):
    from teams.actions import vacate_seat

    due = trio.check_ins.get(number=1).due_at
    with time_machine.travel(due + timedelta(minutes=5), tick=False):
        vacate_seat(trio.public_id, Role.UNION_REP, acting_user=union_rep)
    sent = run_at(due + timedelta(hours=1))
    assert union_rep.email not in [m.to[0] for m in sent] and len(sent) == 2
    statuses = {a.pk: ("done", "") for a in agreed.actions.all()}
    with time_machine.travel(due + timedelta(days=2), tick=False):
        complete_check_in(trio.public_id, 1, statuses, answers(3), acting_user=leader)
    assert run_at(due + timedelta(days=14, hours=1)) == []


def test_an_invitee_with_an_account_gets_it_in_their_language(leader, team):
    english = UserFactory(email="en@example.test", language="en")
    with time_machine.travel(START, tick=False):
        invite(team.public_id, Role.UNION_REP, english.email, acting_user=leader)
    sent = run_at(START + timedelta(days=3, hours=1))
    to_english = next(m for m in sent if m.to == [english.email])
    to_leader = next(m for m in sent if m.to == [leader.email])
    assert "Your invitation to the work-environment team" in to_english.subject
    assert "Hello" in to_english.body
    assert '<html lang="en">' in to_english.alternatives[0][0]
    assert "Hei" in to_leader.body  # the leader's language is bokmål
