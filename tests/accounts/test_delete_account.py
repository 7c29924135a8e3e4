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


def test_deleting_an_account_removes_affiliations_and_owner_scopes(union_rep, leader):
    from organisations.actions import join_organisation
    from organisations.models import Affiliation, Organisation, OwnerScope

    union = Organisation.objects.create(name="Forbund A", kind=Organisation.Kind.UNION)
    join_organisation(union_rep, union, consent=True, share_name=True)
    join_organisation(leader, union, consent=True)
    OwnerScope.objects.create(user=union_rep, organisation=union)
    delete_account(union_rep, acting_user=union_rep)
    assert list(Affiliation.objects.values_list("user", flat=True)) == [leader.pk]
    assert not OwnerScope.objects.exists()
    assert Organisation.objects.filter(pk=union.pk).exists()


def test_deleting_an_account_anonymises_its_statements_without_rewriting_them(trio, union_rep):
    """The statements name the person only by the opaque ``xapi_id``, which goes with the
    account: they stay as they were, stored and forwarded, and lead to nobody."""
    from tracking.identity import person_agent_key

    key = person_agent_key(union_rep.xapi_id)
    before = {s.statement_id: s.data for s in Statement.objects.filter(agent=key)}
    assert before
    xapi_id = union_rep.xapi_id
    delete_account(union_rep, acting_user=union_rep)
    after = {s.statement_id: s.data for s in Statement.objects.filter(statement_id__in=before)}
    assert after == before  # not one rewritten or deleted
    assert not User.objects.filter(xapi_id=xapi_id).exists()
    for data in after.values():
        assert "tv@example.test" not in str(data) and "Tore" not in str(data)
