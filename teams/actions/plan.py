"""The joint session: the members' starting point, the factors and the versioned action
plan that every seat someone holds confirms."""

from datetime import date

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from base.submit import earlier, remember
from teams import rules
from teams.actions.common import TeamError, record_event, repeated
from teams.actions.follow_up import clean_answers, schedule_check_ins
from teams.models import (
    Assessment,
    PlanAction,
    PlanConfirmation,
    PlanVersion,
    Seat,
    Team,
    TeamEvent,
    TeamFactor,
)
from teams.permissions import access_team
from tracking import team_statements as statements
from tracking.actions import record_statement

MAX_FACTORS = 5
MAX_PLAN_ACTIONS = 5


def _clean_factors(team: Team, items: list[dict]) -> list[dict]:
    known = {f["key"] for f in team.workplace.industry.factors}
    if not items:
        raise TeamError(_("Choose at least one factor."), code="empty")
    if len(items) > MAX_FACTORS:
        raise TeamError(_("Choose at most %(n)d factors.") % {"n": MAX_FACTORS}, code="too_many")
    seen, out = set(), []
    for item in items:
        key, custom = item.get("key", ""), " ".join(item.get("custom", "").split())
        if key and key not in known:
            raise TeamError(_("That factor is not on the industry's list."), code="unknown")
        name = key or custom.casefold()
        if not name:
            raise TeamError(_("A factor needs a name."), code="blank")
        if name in seen:
            raise TeamError(_("Each factor may be chosen only once."), code="duplicate")
        seen.add(name)
        out.append({"key": key, "custom": "" if key else custom[:200]})
    return out


@transaction.atomic
def map_factors(team_id, items: list[dict], *, acting_user, submit_token=None) -> list[TeamFactor]:
    """Store the team's ranked factors (up to five): ``{"key": ...}`` from the industry's
    list or ``{"custom": ...}`` in the team's own words. Replaces the earlier mapping (but
    the same form sent again, ``submit_token``, changes nothing)."""
    team = access_team(acting_user, team_id, lock=True)
    if earlier(acting_user, submit_token) is not None:
        return list(team.factors.order_by("rank"))
    items = _clean_factors(team, items)
    team.factors.all().delete()
    factors = TeamFactor.objects.bulk_create(
        TeamFactor(team=team, rank=i, key=item["key"], custom=item["custom"])
        for i, item in enumerate(items, start=1)
    )
    keys = [f.key for f in factors if f.key]
    record_event(team, TeamEvent.Kind.FACTORS, acting_user, count=len(factors))
    record_statement(statements.factors_mapped(team, acting_user, keys, len(factors) - len(keys)))
    remember(acting_user, submit_token)
    return factors


def _check_plan_actions(team: Team, plan_actions: list[dict]) -> None:
    if not 1 <= len(plan_actions) <= MAX_PLAN_ACTIONS:
        raise TeamError(
            _("A plan has from 1 to %(n)d actions.") % {"n": MAX_PLAN_ACTIONS}, code="count"
        )
    owners = set(team.seats.filter(state=Seat.State.FILLED).values_list("role", flat=True))
    today = timezone.localdate()
    for item in plan_actions:
        if not item.get("text", "").strip() or not item.get("done_means", "").strip():
            raise TeamError(
                _("Every action needs a description and what “done” means."), code="blank"
            )
        if item.get("owner_role") not in owners:
            raise TeamError(_("Every action is owned by a seat someone holds."), code="owner")
        due = item.get("due_date")
        if not isinstance(due, date) or due < today:
            raise TeamError(_("A due date cannot be in the past."), code="due_date")


@transaction.atomic
def save_plan(
    team_id, based_on: int, plan_actions: list[dict], *, acting_user, submit_token=None
) -> PlanVersion:
    """Save a new version of the action plan. ``based_on`` is the version the member was
    looking at (0 for none): if someone saved another since, nothing is saved and the
    member is asked to look again. Every seat must confirm the new version. The same form
    sent again (``submit_token``) returns the version the first made."""
    team = access_team(acting_user, team_id, lock=True)
    if (made := repeated(acting_user, submit_token)) is not None:
        return made
    latest = team.plan_versions.aggregate(n=Max("number"))["n"] or 0
    if based_on != latest:
        raise TeamError(
            _(
                "Someone changed the plan while you were writing. Read the new version and "
                "make your change again."
            ),
            code="stale",
        )
    _check_plan_actions(team, plan_actions)
    plan = PlanVersion.objects.create(team=team, number=latest + 1, created_by=acting_user)
    PlanAction.objects.bulk_create(
        PlanAction(
            plan=plan,
            order=i,
            text=item["text"].strip()[:300],
            owner_role=item["owner_role"],
            due_date=item["due_date"],
            done_means=item["done_means"].strip()[:300],
        )
        for i, item in enumerate(plan_actions, start=1)
    )
    record_event(team, TeamEvent.Kind.PLAN_DRAFTED, acting_user, version=plan.number)
    record_statement(statements.plan_drafted(team, acting_user, plan))
    remember(acting_user, submit_token, plan)
    return plan


@transaction.atomic
def confirm_plan(team_id, number: int, *, acting_user, submit_token=None) -> PlanVersion:
    """``acting_user`` confirms plan version ``number`` for every seat they hold. When every
    seat someone holds has confirmed the latest version, the plan is agreed (and the
    check-ins scheduled, the first time). The same form sent again (``submit_token``)
    returns the plan and changes nothing."""
    team = access_team(acting_user, team_id, lock=True)
    if (made := repeated(acting_user, submit_token)) is not None:
        return made
    plan = team.plan_versions.order_by("-number").first()
    if plan is None or plan.number != number:
        raise TeamError(
            _("The plan has changed since you opened it. Read it again before you confirm."),
            code="stale",
        )
    held = team.seats.filter(state=Seat.State.FILLED, user=acting_user).values_list(
        "role", flat=True
    )
    new = rules.roles_to_confirm(plan, held, plan.confirmations.values_list("role", flat=True))
    if not new:
        raise TeamError(_("You have already confirmed this version."), code="confirmed")
    now = timezone.now()
    PlanConfirmation.objects.bulk_create(
        PlanConfirmation(plan=plan, role=role, user=acting_user, at=now) for role in new
    )
    record_event(team, TeamEvent.Kind.PLAN_CONFIRMED, acting_user, version=plan.number, roles=new)
    record_statement(statements.plan_confirmed(team, acting_user, plan))
    agree_if_confirmed(team)
    plan.refresh_from_db()
    remember(acting_user, submit_token, plan)
    return plan


def agree_if_confirmed(team: Team) -> None:
    """Agree the latest plan version if every seat someone holds has confirmed it. Called
    with the team locked, after anything that changes the seats or the confirmations."""
    plan = team.plan_versions.order_by("-number").first()
    if plan is None or plan.agreed_at is not None:
        return
    present = team.seats.filter(state=Seat.State.FILLED).values_list("role", flat=True)
    if not rules.is_agreed_by(present, plan.confirmations.values_list("role", flat=True)):
        return
    now = timezone.now()
    plan.agreed_at = now
    plan.save(update_fields=["agreed_at"])
    record_event(team, TeamEvent.Kind.PLAN_AGREED, None, version=plan.number)
    record_statement(statements.plan_agreed(team, plan))
    if team.plan_agreed_at is None:
        team.plan_agreed_at = now
        Team.objects.filter(pk=team.pk).update(plan_agreed_at=now)
        schedule_check_ins(team, now)


@transaction.atomic
def record_baseline(team_id, answers: dict, *, acting_user, submit_token=None) -> Assessment:
    """A member's own answers to the four questions at the joint session (may be changed
    until the plan is agreed). The same form sent again (``submit_token``) changes nothing."""
    team = access_team(acting_user, team_id, lock=True)
    if (made := repeated(acting_user, submit_token)) is not None:
        return made
    clean = clean_answers(answers)
    answered = team.assessments.filter(user=acting_user, check_in=None).exists()
    if team.plan_agreed_at is not None and answered:
        raise TeamError(
            _("The plan is agreed; your starting point can no longer be changed."), code="locked"
        )
    assessment, _created = Assessment.objects.update_or_create(
        team=team, user=acting_user, check_in=None, defaults={**clean, "at": timezone.now()}
    )
    record_event(team, TeamEvent.Kind.BASELINE, acting_user)
    record_statement(statements.self_assessed(team, acting_user, clean))
    remember(acting_user, submit_token, assessment)
    return assessment
