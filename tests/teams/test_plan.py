"""The action plan: versions, confirmations, agreement, and what a later edit does."""

from datetime import timedelta

import pytest
from django.utils import timezone

from teams.actions import TeamError, confirm_plan, map_factors, save_plan
from teams.models import CheckIn, PlanConfirmation, TeamFactor
from tests.teams.helpers import plan_actions


def agree(team, plan, *members):
    for member in members:
        plan = confirm_plan(team.public_id, plan.number, acting_user=member)
    return plan


def test_the_plan_is_agreed_when_every_seat_confirmed_the_same_version(
    trio, leader, safety_rep, union_rep
):
    plan = save_plan(
        trio.public_id, 0, plan_actions("leader", "safety_rep", "union_rep"), acting_user=safety_rep
    )
    plan = agree(trio, plan, leader, safety_rep)
    assert plan.agreed_at is None
    plan = agree(trio, plan, union_rep)
    assert plan.agreed_at is not None
    trio.refresh_from_db()
    assert trio.plan_agreed_at == plan.agreed_at


def test_an_edit_asks_for_confirmation_again(trio, leader, safety_rep, union_rep):
    v1 = agree(
        trio,
        save_plan(trio.public_id, 0, plan_actions("leader"), acting_user=leader),
        leader,
        safety_rep,
        union_rep,
    )
    trio.refresh_from_db()
    first_agreed = trio.plan_agreed_at
    v2 = save_plan(
        trio.public_id, v1.number, plan_actions("leader", "union_rep"), acting_user=union_rep
    )
    assert v2.number == 2 and v2.agreed_at is None
    v2 = agree(trio, v2, leader, safety_rep)
    assert v2.agreed_at is None
    v2 = agree(trio, v2, union_rep)
    assert v2.agreed_at is not None
    trio.refresh_from_db()
    # The follow-up runs from the first agreement: check-ins are scheduled once.
    assert trio.plan_agreed_at == first_agreed
    assert CheckIn.objects.filter(team=trio).count() == 3


def test_a_save_based_on_an_old_version_is_refused(trio, leader, safety_rep):
    save_plan(trio.public_id, 0, plan_actions("leader"), acting_user=leader)
    with pytest.raises(TeamError) as exc:
        save_plan(trio.public_id, 0, plan_actions("safety_rep"), acting_user=safety_rep)
    assert exc.value.code == "stale"
    assert trio.plan_versions.count() == 1


def test_confirming_a_version_that_is_no_longer_the_latest_is_refused(trio, leader, safety_rep):
    v1 = save_plan(trio.public_id, 0, plan_actions("leader"), acting_user=leader)
    save_plan(trio.public_id, v1.number, plan_actions("safety_rep"), acting_user=leader)
    with pytest.raises(TeamError) as exc:
        confirm_plan(trio.public_id, v1.number, acting_user=safety_rep)
    assert exc.value.code == "stale"
    assert not PlanConfirmation.objects.filter(plan__team=trio).exists()


def test_confirming_twice_is_refused(trio, leader):
    plan = save_plan(trio.public_id, 0, plan_actions("leader"), acting_user=leader)
    confirm_plan(trio.public_id, plan.number, acting_user=leader)
    with pytest.raises(TeamError) as exc:
        confirm_plan(trio.public_id, plan.number, acting_user=leader)
    assert exc.value.code == "confirmed"


def test_one_person_in_two_seats_confirms_for_both(team, leader, safety_rep, starter):
    from teams.actions import accept_invitation, invite

    accept_invitation(
        invite(team.public_id, "union_rep", acting_user=leader).token, acting_user=leader
    )
    accept_invitation(
        invite(team.public_id, "safety_rep", acting_user=leader).token, acting_user=safety_rep
    )
    plan = save_plan(team.public_id, 0, plan_actions("union_rep"), acting_user=leader)
    plan = confirm_plan(team.public_id, plan.number, acting_user=leader)
    assert set(plan.confirmations.values_list("role", flat=True)) == {"leader", "union_rep"}
    assert confirm_plan(team.public_id, plan.number, acting_user=safety_rep).agreed_at is not None


@pytest.mark.parametrize(
    ("bad", "code"),
    [
        ([], "count"),
        (plan_actions("leader") * 6, "count"),
        ([{**plan_actions("leader")[0], "owner_role": "nobody"}], "owner"),
        ([{**plan_actions("leader")[0], "text": " "}], "blank"),
        (
            [{**plan_actions("leader")[0], "due_date": timezone.localdate() - timedelta(days=1)}],
            "due_date",
        ),
    ],
)
def test_a_bad_plan_is_refused_and_changes_nothing(trio, leader, bad, code):
    with pytest.raises(TeamError) as exc:
        save_plan(trio.public_id, 0, bad, acting_user=leader)
    assert exc.value.code == code
    assert not trio.plan_versions.exists()


def test_an_owner_must_hold_a_seat(team, leader):
    with pytest.raises(TeamError) as exc:
        save_plan(
            team.public_id, 0, plan_actions("safety_rep"), acting_user=leader
        )  # the seat is still open
    assert exc.value.code == "owner"


def test_factors_are_ranked_from_the_industry_list_or_own_words(trio, leader):
    map_factors(
        trio.public_id, [{"key": "stoy"}, {"custom": "  Trange  garderober "}], acting_user=leader
    )
    rows = list(TeamFactor.objects.filter(team=trio).values_list("rank", "key", "custom"))
    assert rows == [(1, "stoy", ""), (2, "", "Trange garderober")]
    map_factors(trio.public_id, [{"key": "loft"}], acting_user=leader)
    assert list(TeamFactor.objects.filter(team=trio).values_list("key", flat=True)) == ["loft"]


@pytest.mark.parametrize(
    ("items", "code"),
    [
        ([], "empty"),
        ([{"key": "stoy"}] + [{"custom": f"x{i}"} for i in range(5)], "too_many"),
        ([{"key": "stov-og-kjemikalier"}], "unknown"),  # bygg's list, not barnehage's
        ([{"key": "stoy"}, {"key": "stoy"}], "duplicate"),
        ([{"custom": "   "}], "blank"),
    ],
)
def test_bad_factors_are_refused(trio, leader, items, code):
    map_factors(trio.public_id, [{"key": "loft"}], acting_user=leader)
    with pytest.raises(TeamError) as exc:
        map_factors(trio.public_id, items, acting_user=leader)
    assert exc.value.code == code
    assert list(TeamFactor.objects.filter(team=trio).values_list("key", flat=True)) == ["loft"]
