"""The legal thresholds and the team rules, in one place (``teams/rules.py``)."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from teams import rules


@pytest.mark.parametrize("employees, allowed", [(1, True), (4, True), (5, False), (40, False)])
def test_a_safety_rep_alternative_is_allowed_below_five_employees(employees, allowed):
    assert rules.safety_rep_alternative_allowed(employees) is allowed


@pytest.mark.parametrize(
    "employees, rule",
    [
        (9, rules.AmuRule.NOT_REQUIRED),
        (10, rules.AmuRule.ON_REQUEST),
        (29, rules.AmuRule.ON_REQUEST),
        (30, rules.AmuRule.REQUIRED),
        (400, rules.AmuRule.REQUIRED),
    ],
)
def test_amu_is_required_from_30_and_on_request_from_10(employees, rule):
    assert rules.amu_rule(employees) == rule


def test_a_check_in_is_due_from_its_time_until_it_is_done():
    now = timezone.now()
    later = SimpleNamespace(due_at=now + timedelta(seconds=1), done_at=None)
    due = SimpleNamespace(due_at=now, done_at=None)
    done = SimpleNamespace(due_at=now - timedelta(days=1), done_at=now)
    assert not rules.is_check_in_due(later, now)
    assert rules.is_check_in_due(due, now)
    assert not rules.is_check_in_due(done, now)
    assert rules.has_come(done, now) and not rules.has_come(later, now)


def test_a_member_may_confirm_for_each_seat_not_yet_confirmed():
    plan = object()
    assert rules.roles_to_confirm(plan, ["leader", "union_rep"], ["leader"]) == ["union_rep"]
    assert rules.may_confirm(plan, ["leader"], [])
    assert not rules.may_confirm(plan, ["leader"], ["leader"])
    assert not rules.may_confirm(None, ["leader"], [])
    assert not rules.may_confirm(plan, [], [])


def test_a_plan_is_agreed_when_every_present_seat_confirmed():
    assert rules.is_agreed_by(["leader", "union_rep"], ["union_rep", "leader"])
    assert not rules.is_agreed_by(["leader", "union_rep"], ["leader"])
    assert not rules.is_agreed_by([], [])


def test_the_team_page_states_the_amu_rule_for_the_workplace(client, trio, leader):
    from django.urls import reverse

    client.force_login(leader)
    trio.workplace.employees = 30
    trio.workplace.save()
    html = client.get(reverse("team_detail", args=[trio.public_id])).content.decode()
    assert "30 eller flere ansatte" in html
    trio.workplace.employees = 4
    trio.workplace.save()
    html = client.get(reverse("team_detail", args=[trio.public_id])).content.decode()
    assert "færre enn 10" in html


def _step(**changes):
    facts = dict(
        course_started=True,
        course_done=True,
        plan_agreed=False,
        must_confirm=False,
        check_in_due=False,
        check_in_ahead=False,
    )
    return rules.next_step(**(facts | changes))


def test_the_next_step_follows_the_members_course_then_the_team():
    S = rules.NextStep
    assert _step(course_started=False, course_done=False) == S.START_COURSE
    assert _step(course_done=False) == S.CONTINUE_COURSE
    assert _step() == S.JOINT_SESSION
    assert _step(must_confirm=True) == S.CONFIRM_PLAN
    assert _step(plan_agreed=True, check_in_ahead=True) == S.NEXT_CHECK_IN
    assert _step(plan_agreed=True, check_in_ahead=True, check_in_due=True) == S.CHECK_IN_DUE
    assert _step(plan_agreed=True) == S.DONE


def test_a_due_check_in_comes_before_a_late_members_course():
    assert (
        _step(course_done=False, plan_agreed=True, check_in_due=True) == rules.NextStep.CHECK_IN_DUE
    )
    assert _step(course_done=False, plan_agreed=True) == rules.NextStep.CONTINUE_COURSE
