"""Deleting an account is one action: every seat the person holds is vacated the same way
as leaving it (locked, with the statement, the plan agreed if the rest confirmed)."""

import pytest
from django.core.exceptions import PermissionDenied

from accounts.actions import delete_account
from accounts.models import User
from base.roles import Role
from teams import actions
from teams.models import Seat
from tests.teams.helpers import plan_actions
from tracking.models import Statement


def test_deleting_an_account_vacates_its_seats_with_a_statement(trio, union_rep):
    left_before = Statement.objects.filter(verb__endswith="/leave").count()
    delete_account(union_rep, acting_user=union_rep)
    assert not User.objects.filter(pk=union_rep.pk).exists()
    seat = Seat.objects.get(team=trio, role=Role.UNION_REP)
    assert (seat.state, seat.user) == ("open", None)
    assert Statement.objects.filter(verb__endswith="/leave").count() == left_before + 1


def test_the_plan_is_agreed_when_the_last_unconfirmed_member_deletes_their_account(
    trio, leader, safety_rep, union_rep
):
    plan = actions.save_plan(trio.public_id, 0, plan_actions("leader"), acting_user=leader)
    actions.confirm_plan(trio.public_id, plan.number, acting_user=leader)
    actions.confirm_plan(trio.public_id, plan.number, acting_user=safety_rep)
    delete_account(union_rep, acting_user=union_rep)
    plan.refresh_from_db()
    assert plan.agreed_at is not None
    assert trio.check_ins.count() == 3


def test_the_last_member_can_delete_their_account(team, leader):
    delete_account(leader, acting_user=leader)
    assert not Seat.objects.filter(team=team, state="filled").exists()


def test_nobody_else_deletes_an_account(trio, leader, union_rep):
    with pytest.raises(PermissionDenied):
        delete_account(union_rep, acting_user=leader)
    assert User.objects.filter(pk=union_rep.pk).exists()


def test_staff_may_delete_an_account(trio, union_rep):
    from tests.factories import UserFactory

    staff = UserFactory(email="staff@example.test", is_staff=True)
    delete_account(union_rep, acting_user=staff)
    assert not User.objects.filter(pk=union_rep.pk).exists()
