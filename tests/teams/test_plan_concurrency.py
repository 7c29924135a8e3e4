"""Two members acting on the plan at the same moment: no confirmation lost, and no plan
agreed on a version someone did not see. Real transactions and connections, on SQLite
(serialised by BEGIN IMMEDIATE) and PostgreSQL (the team row lock)."""

import pytest

from teams.actions import TeamError, confirm_plan, save_plan
from teams.models import PlanConfirmation, Team
from tests.concurrency import run_at_once as _run_at_once
from tests.teams.helpers import plan_actions
from tracking.models import Statement

pytestmark = pytest.mark.django_db(transaction=True)


def run_at_once(*calls):
    return _run_at_once(*calls, expected=(TeamError,))


def fresh(team):
    return Team.objects.get(pk=team.pk)


def test_three_confirmations_at_once_are_all_kept_and_agree_once(
    trio, leader, safety_rep, union_rep
):
    plan = save_plan(trio.public_id, 0, plan_actions("leader"), acting_user=leader)
    run_at_once(
        *(
            lambda m=m: confirm_plan(fresh(trio).public_id, plan.number, acting_user=m)
            for m in (leader, safety_rep, union_rep)
        )
    )
    assert PlanConfirmation.objects.filter(plan=plan).count() == 3
    plan.refresh_from_db()
    assert plan.agreed_at is not None
    agreed = Statement.objects.filter(registration=trio.registration, verb__endswith="/agree")
    assert agreed.count() == 1


@pytest.mark.parametrize("repeat", range(3))
def test_an_edit_and_the_last_confirmation_at_once_never_agree_an_unseen_version(
    trio, leader, safety_rep, union_rep, repeat
):
    v1 = save_plan(trio.public_id, 0, plan_actions("leader"), acting_user=leader)
    confirm_plan(trio.public_id, v1.number, acting_user=leader)
    confirm_plan(trio.public_id, v1.number, acting_user=safety_rep)
    edit, confirmation = run_at_once(
        lambda: save_plan(
            fresh(trio).public_id, v1.number, plan_actions("union_rep"), acting_user=leader
        ),
        lambda: confirm_plan(fresh(trio).public_id, v1.number, acting_user=union_rep),
    )
    versions = {p.number: p for p in trio.plan_versions.all()}
    if isinstance(confirmation, TeamError):
        # The edit came first: the confirmation was of a version no longer shown.
        assert confirmation.code == "stale"
        assert versions[1].agreed_at is None
    else:
        # The confirmation came first: version 1 is agreed, and the edit made version 2.
        assert versions[1].agreed_at is not None
    assert not isinstance(edit, TeamError)
    assert versions[2].agreed_at is None
    assert not versions[2].confirmations.exists()


def test_two_edits_at_once_one_wins_the_other_is_told(trio, leader, safety_rep):
    v1 = save_plan(trio.public_id, 0, plan_actions("leader"), acting_user=leader)
    results = run_at_once(
        lambda: save_plan(
            fresh(trio).public_id,
            v1.number,
            plan_actions("leader", "safety_rep"),
            acting_user=leader,
        ),
        lambda: save_plan(
            fresh(trio).public_id, v1.number, plan_actions("safety_rep"), acting_user=safety_rep
        ),
    )
    assert sorted(type(r).__name__ for r in results) == ["PlanVersion", "TeamError"]
    assert trio.plan_versions.count() == 2
