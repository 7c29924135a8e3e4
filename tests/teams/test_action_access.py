"""Every team action checks access itself: called directly (as the API, a task or a
command would), it refuses an outsider and a member who left with the same 404 as the
pages, and changes nothing."""

from datetime import timedelta

import pytest
import time_machine
from django.http import Http404
from django.utils import timezone

from base.roles import Role
from teams import actions
from teams.models import Invitation, PlanConfirmation, PlanVersion, Seat, TeamEvent
from tests.teams.helpers import answers, plan_actions


def _agreed(trio, leader, safety_rep, union_rep):
    plan = actions.save_plan(trio.public_id, 0, plan_actions("leader"), acting_user=leader)
    for member in (leader, safety_rep, union_rep):
        actions.confirm_plan(trio.public_id, plan.number, acting_user=member)
    return plan


def _calls(trio, invitation_id):
    tid = trio.public_id
    return {
        "invite": lambda u: actions.invite(tid, Role.UNION_REP, acting_user=u),
        "resend_invitation": lambda u: actions.resend_invitation(tid, invitation_id, acting_user=u),
        "revoke_invitation": lambda u: actions.revoke_invitation(tid, invitation_id, acting_user=u),
        "declare_seat_empty": lambda u: actions.declare_seat_empty(
            tid, Role.UNION_REP, acting_user=u
        ),
        "reopen_seat": lambda u: actions.reopen_seat(tid, Role.UNION_REP, acting_user=u),
        "vacate_seat": lambda u: actions.vacate_seat(tid, Role.LEADER, acting_user=u),
        "map_factors": lambda u: actions.map_factors(tid, [{"custom": "Støy"}], acting_user=u),
        "save_plan": lambda u: actions.save_plan(tid, 1, plan_actions("leader"), acting_user=u),
        "confirm_plan": lambda u: actions.confirm_plan(tid, 1, acting_user=u),
        "record_baseline": lambda u: actions.record_baseline(tid, answers(2), acting_user=u),
        "complete_check_in": lambda u: actions.complete_check_in(
            tid, 1, {}, answers(2), acting_user=u
        ),
        "answer_check_in": lambda u: actions.answer_check_in(tid, 1, answers(2), acting_user=u),
    }


def _snapshot(team):
    return (
        list(Seat.objects.filter(team=team).values_list("role", "state", "user_id")),
        Invitation.objects.filter(team=team).count(),
        PlanVersion.objects.filter(team=team).count(),
        PlanConfirmation.objects.filter(plan__team=team).count(),
        TeamEvent.objects.filter(team=team).count(),
        team.factors.count(),
        team.assessments.count(),
    )


@pytest.fixture
def two_member_team(team, leader, safety_rep):
    """Leader and safety rep; the union-rep seat has an open e-mail invitation."""
    actions.accept_invitation(
        actions.invite(team.public_id, Role.SAFETY_REP, acting_user=leader).token,
        acting_user=safety_rep,
    )
    invitation = actions.invite(
        team.public_id, Role.UNION_REP, "x@example.test", acting_user=leader
    )
    return team, invitation


@pytest.mark.parametrize(
    "name",
    [
        "invite",
        "resend_invitation",
        "revoke_invitation",
        "declare_seat_empty",
        "reopen_seat",
        "vacate_seat",
        "map_factors",
        "save_plan",
        "confirm_plan",
        "record_baseline",
        "complete_check_in",
        "answer_check_in",
    ],
)
def test_an_outsider_calling_an_action_directly_gets_404(two_member_team, outsider, name):
    team, invitation = two_member_team
    before = _snapshot(team)
    with pytest.raises(Http404):
        _calls(team, invitation.pk)[name](outsider)
    assert _snapshot(team) == before


@pytest.mark.parametrize("name", ["invite", "map_factors", "record_baseline", "save_plan"])
def test_a_member_who_left_gets_404(two_member_team, safety_rep, name):
    team, invitation = two_member_team
    actions.vacate_seat(team.public_id, Role.SAFETY_REP, acting_user=safety_rep)
    before = _snapshot(team)
    with pytest.raises(Http404):
        _calls(team, invitation.pk)[name](safety_rep)
    assert _snapshot(team) == before


def test_a_removed_member_cannot_confirm_or_check_in(trio, leader, safety_rep, union_rep):
    _agreed(trio, leader, safety_rep, union_rep)
    actions.vacate_seat(trio.public_id, Role.UNION_REP, acting_user=leader)
    with time_machine.travel(timezone.now() + timedelta(days=40)):
        for name in ("confirm_plan", "complete_check_in", "answer_check_in", "record_baseline"):
            with pytest.raises(Http404):
                _calls(trio, 0)[name](union_rep)
    assert not trio.check_ins.filter(done_at__isnull=False).exists()


def test_already_confirmed_is_said_only_to_members(trio, leader, outsider):
    plan = actions.save_plan(trio.public_id, 0, plan_actions("leader"), acting_user=leader)
    actions.confirm_plan(trio.public_id, plan.number, acting_user=leader)
    with pytest.raises(actions.TeamError, match="allerede bekreftet"):
        actions.confirm_plan(trio.public_id, plan.number, acting_user=leader)
    with pytest.raises(Http404):
        actions.confirm_plan(trio.public_id, plan.number, acting_user=outsider)


def test_a_team_id_that_is_not_a_uuid_is_not_found(trio, leader):
    with pytest.raises(Http404):
        actions.record_baseline("not-a-uuid", answers(2), acting_user=leader)


def test_anonymous_is_refused(trio):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(Http404):
        actions.record_baseline(trio.public_id, answers(2), acting_user=AnonymousUser())
