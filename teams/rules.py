"""The rules a team page states and the actions enforce, each in one place.

Legal thresholds come from arbeidsmiljøloven as in force from 1 January 2024; the
templates get the answers (booleans and choices), never the numbers to compare.
"""

from django.db import models
from django.utils import timezone

# aml § 6-1 (2): below this many employees the parties may agree in writing on another
# arrangement than a safety representative.
SAFETY_REP_ALTERNATIVE_BELOW = 5
# aml § 7-1: a working environment committee (AMU) is required from 30 employees, and
# from 10 if either party asks for one.
AMU_ON_REQUEST_FROM = 10
AMU_REQUIRED_FROM = 30


class AmuRule(models.TextChoices):
    REQUIRED = "required"
    ON_REQUEST = "on_request"
    NOT_REQUIRED = "not_required"


def safety_rep_alternative_allowed(employees: int) -> bool:
    """May the workplace agree on another arrangement than a safety rep (aml § 6-1)?"""
    return employees < SAFETY_REP_ALTERNATIVE_BELOW


def amu_rule(employees: int) -> AmuRule:
    """Whether the workplace must have an AMU (aml § 7-1)."""
    if employees >= AMU_REQUIRED_FROM:
        return AmuRule.REQUIRED
    if employees >= AMU_ON_REQUEST_FROM:
        return AmuRule.ON_REQUEST
    return AmuRule.NOT_REQUIRED


def is_check_in_due(check_in, now=None) -> bool:
    """A check-in is due from its due time until it is done."""
    return check_in.done_at is None and check_in.due_at <= (now or timezone.now())


def has_come(check_in, now=None) -> bool:
    """Has the check-in's due time come (done or not)? Before that it cannot be done."""
    return check_in.due_at <= (now or timezone.now())


def roles_to_confirm(plan, held_roles, confirmed_roles) -> list[str]:
    """The seats ``held_roles`` that have not yet confirmed ``plan``: a member confirms for
    every seat they hold, once."""
    if plan is None:
        return []
    return [role for role in held_roles if role not in set(confirmed_roles)]


def may_confirm(plan, held_roles, confirmed_roles) -> bool:
    return bool(roles_to_confirm(plan, held_roles, confirmed_roles))


def is_agreed_by(present_roles, confirmed_roles) -> bool:
    """A plan version is agreed when every seat someone holds has confirmed it."""
    present = set(present_roles)
    return bool(present) and present <= set(confirmed_roles)


class NextStep(models.TextChoices):
    """The one thing a member of a team should do next, as the team page offers it."""

    START_COURSE = "start_course"
    CONTINUE_COURSE = "continue_course"
    JOINT_SESSION = "joint_session"
    CONFIRM_PLAN = "confirm_plan"
    CHECK_IN_DUE = "check_in_due"
    NEXT_CHECK_IN = "next_check_in"
    DONE = "done"


def next_step(
    *,
    course_started: bool,
    course_done: bool,
    plan_agreed: bool,
    must_confirm: bool,
    check_in_due: bool,
    check_in_ahead: bool,
) -> NextStep:
    """The member's next step: a due check-in comes first (it has a date), then the
    member's own course, then the joint session until the plan is agreed (confirming a
    version that waits for the member's seat), then the next check-in."""
    if plan_agreed and check_in_due:
        return NextStep.CHECK_IN_DUE
    if not course_done:
        return NextStep.CONTINUE_COURSE if course_started else NextStep.START_COURSE
    if not plan_agreed:
        return NextStep.CONFIRM_PLAN if must_confirm else NextStep.JOINT_SESSION
    if check_in_ahead:
        return NextStep.NEXT_CHECK_IN
    return NextStep.DONE
