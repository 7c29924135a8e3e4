"""Seats: "we have none", leaving and being removed."""

import pytest
from django.urls import reverse

from base.roles import Role
from teams.actions import (
    TeamError,
    confirm_plan,
    declare_seat_empty,
    reopen_seat,
    save_plan,
    vacate_seat,
)
from teams.models import Seat, TeamEvent
from tests.teams.helpers import plan_actions
from tracking.models import Statement


def test_we_have_none_lets_the_team_go_on_and_agree_without_that_seat(
    client, team, leader, safety_rep
):
    from teams.actions import accept_invitation, invite

    accept_invitation(
        invite(team.public_id, Role.SAFETY_REP, acting_user=leader).token, acting_user=safety_rep
    )
    declare_seat_empty(team.public_id, Role.UNION_REP, acting_user=leader)
    assert Seat.objects.get(team=team, role=Role.UNION_REP).state == "empty"

    plan = save_plan(team.public_id, 0, plan_actions("leader", "safety_rep"), acting_user=leader)
    confirm_plan(team.public_id, plan.number, acting_user=leader)
    plan = confirm_plan(team.public_id, plan.number, acting_user=safety_rep)
    assert plan.agreed_at is not None


@pytest.mark.parametrize(("industry", "regional"), [("renhold", True), ("barnehage", False)])
def test_the_team_page_gives_guidance_for_a_missing_safety_rep(
    client, content, leader, industry, regional
):
    from modules.models import Industry
    from teams.actions import create_team
    from teams.models import Workplace

    ind = Industry.objects.get(slug=industry)
    team = create_team(
        Workplace(name="Små AS", industry=ind, employees=4),
        [Role.LEADER],
        [content],
        acting_user=leader,
    )
    declare_seat_empty(team.public_id, Role.SAFETY_REP, acting_user=leader)
    client.force_login(leader)
    page = client.get(reverse("team_detail", args=[team.public_id])).content.decode()
    assert "aml § 6-1" in page
    assert "færre enn 5 ansatte" in page  # another arrangement, agreed in writing
    assert ("regionale verneombud" in page) is regional


def test_an_empty_seat_can_be_reopened_and_invited_to(team, leader):
    declare_seat_empty(team.public_id, Role.UNION_REP, acting_user=leader)
    reopen_seat(team.public_id, Role.UNION_REP, acting_user=leader)
    assert Seat.objects.get(team=team, role=Role.UNION_REP).state == "open"


def test_a_taken_seat_cannot_be_declared_empty(trio, leader):
    with pytest.raises(TeamError):
        declare_seat_empty(trio.public_id, Role.SAFETY_REP, acting_user=leader)
    assert Seat.objects.get(team=trio, role=Role.SAFETY_REP).state == "filled"


def test_a_member_who_leaves_reopens_the_seat_and_history_stays(trio, safety_rep):
    before = Statement.objects.filter(registration=trio.registration).count()
    vacate_seat(trio.public_id, Role.SAFETY_REP, acting_user=safety_rep)
    seat = Seat.objects.get(team=trio, role=Role.SAFETY_REP)
    assert (seat.state, seat.user) == ("open", None)
    assert TeamEvent.objects.filter(team=trio, kind="joined", user=safety_rep).exists()
    assert TeamEvent.objects.filter(team=trio, kind="left", user=safety_rep).exists()
    after = Statement.objects.filter(registration=trio.registration)
    assert after.count() == before + 1
    assert after.order_by("-pk").first().verb.endswith("/leave")


def test_a_member_can_be_removed_by_another(trio, leader, union_rep):
    vacate_seat(trio.public_id, Role.UNION_REP, acting_user=leader)
    assert TeamEvent.objects.filter(team=trio, kind="removed", user=union_rep).exists()


def test_the_last_member_cannot_leave(team, leader):
    with pytest.raises(TeamError) as exc:
        vacate_seat(team.public_id, Role.LEADER, acting_user=leader)
    assert exc.value.code == "last_member"
    assert Seat.objects.get(team=team, role=Role.LEADER).user == leader


def test_when_a_member_leaves_the_others_confirmations_can_agree_the_plan(
    trio, leader, safety_rep, union_rep
):
    plan = save_plan(trio.public_id, 0, plan_actions("leader"), acting_user=leader)
    confirm_plan(trio.public_id, plan.number, acting_user=leader)
    confirm_plan(trio.public_id, plan.number, acting_user=safety_rep)
    vacate_seat(trio.public_id, Role.UNION_REP, acting_user=union_rep)
    plan.refresh_from_db()
    assert plan.agreed_at is not None
