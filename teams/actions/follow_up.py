"""Follow-up: the check-ins scheduled when the plan is agreed, and the members' answers."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from base.submit import remember
from teams import rules
from teams.actions.common import TeamError, add_months, record_event, repeated, touch
from teams.indicators import QUESTIONS
from teams.models import ActionStatus, Assessment, CheckIn, Team, TeamEvent
from teams.permissions import access_team
from teams.selectors import agreed_plan, follow_up_months
from tracking import team_statements as statements
from tracking.actions import record_statement


def clean_answers(answers: dict) -> dict[str, int]:
    """The four self-assessment answers, each a whole number from 1 to 4."""
    out = {}
    for key in QUESTIONS:
        value = answers.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 4:
            raise TeamError(_("Answer all four questions."), code="answers")
        out[key] = value
    return out


def schedule_check_ins(team: Team, agreed_at) -> None:
    """The check-ins fall the module's follow-up months after the first agreement."""
    CheckIn.objects.bulk_create(
        CheckIn(team=team, number=i, months=m, due_at=add_months(agreed_at, m))
        for i, m in enumerate(follow_up_months(team), start=1)
    )


def _check_in_that_has_come(team: Team, number: int) -> CheckIn:
    check_in = team.check_ins.select_for_update().filter(number=number).first()
    if check_in is None:
        raise TeamError(_("There is no such check-in."), code="unknown")
    if not rules.has_come(check_in):
        raise TeamError(_("This check-in is not due yet."), code="not_due")
    return check_in


def _check_statuses(plan_actions, statuses: dict) -> None:
    valid = set(ActionStatus.Status.values)
    for item in plan_actions:
        status, _comment = statuses.get(item.pk, ("", ""))
        if status not in valid:
            raise TeamError(_("Give every action a status."), code="status")


@transaction.atomic
def complete_check_in(
    team_id, number: int, statuses: dict, answers: dict, *, acting_user, submit_token=None
) -> CheckIn:
    """Record what became of each action in the agreed plan (``statuses``: action id →
    (status, comment)), and the member's own four answers. Other members add their answers
    with ``answer_check_in``. The same form sent again (``submit_token``) changes nothing."""
    team = access_team(acting_user, team_id, lock=True)
    if (made := repeated(acting_user, submit_token)) is not None:
        return made
    check_in = _check_in_that_has_come(team, number)
    if check_in.done_at is not None:
        raise TeamError(_("This check-in has already been done."), code="done")
    plan = agreed_plan(team)
    plan_actions = list(plan.actions.all())
    clean = clean_answers(answers)
    _check_statuses(plan_actions, statuses)
    now = timezone.now()
    check_in.done_at, check_in.done_by, check_in.plan = now, acting_user, plan
    check_in.save(update_fields=["done_at", "done_by", "plan"])
    ActionStatus.objects.bulk_create(
        ActionStatus(
            check_in=check_in,
            action=item,
            status=statuses[item.pk][0],
            comment=statuses[item.pk][1].strip()[:500],
        )
        for item in plan_actions
    )
    Assessment.objects.create(team=team, user=acting_user, check_in=check_in, at=now, **clean)
    counts: dict[str, int] = {}
    for item in plan_actions:
        counts[statuses[item.pk][0]] = counts.get(statuses[item.pk][0], 0) + 1
    record_event(team, TeamEvent.Kind.CHECK_IN, acting_user, number=number)
    record_statement(statements.checked_in(team, acting_user, check_in, counts))
    record_statement(statements.self_assessed(team, acting_user, clean, check_in))
    remember(acting_user, submit_token, check_in)
    return check_in


@transaction.atomic
def answer_check_in(
    team_id, number: int, answers: dict, *, acting_user, submit_token=None
) -> Assessment:
    """A member's own four answers at a check-in another member has recorded (once; the
    same form sent again, ``submit_token``, returns them)."""
    team = access_team(acting_user, team_id, lock=True)
    if (made := repeated(acting_user, submit_token)) is not None:
        return made
    check_in = _check_in_that_has_come(team, number)
    if check_in.done_at is None:
        raise TeamError(_("This check-in has not been recorded yet."), code="not_done")
    clean = clean_answers(answers)
    try:
        with transaction.atomic():
            assessment = Assessment.objects.create(
                team=team, user=acting_user, check_in=check_in, **clean
            )
    except IntegrityError:
        raise TeamError(_("You have already answered this check-in."), code="answered") from None
    touch(team)
    record_statement(statements.self_assessed(team, acting_user, clean, check_in))
    remember(acting_user, submit_token, assessment)
    return assessment
