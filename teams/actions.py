"""Writes for teams: the workplace trio from creation to the last check-in.

Every action locks the team row first (``_lock``): seats, the plan and its confirmations
are decided one request at a time per team, so two members acting at the same moment
never lose a confirmation or agree on a plan version someone did not see. Each records
its xAPI statement and the team's history in the same transaction.
"""

from calendar import monthrange
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from modules.actions import enrol_learner
from teams import selectors
from teams.indicators import QUESTIONS
from teams.models import (
    SEAT_ROLES,
    ActionStatus,
    Assessment,
    CheckIn,
    Invitation,
    PlanAction,
    PlanConfirmation,
    PlanVersion,
    Seat,
    Team,
    TeamEvent,
    TeamFactor,
    Workplace,
)
from tracking import statements
from tracking.actions import record_statement

INVITATION_DAYS = 14
MAX_FACTORS = 5
MAX_ACTIONS = 5


def add_months(moment, months: int):
    """The same day and local time ``months`` calendar months later (the month's last day if
    it is shorter)."""
    moment = timezone.localtime(moment)
    month0 = moment.month - 1 + months
    year, month = moment.year + month0 // 12, month0 % 12 + 1
    return moment.replace(year=year, month=month, day=min(moment.day, monthrange(year, month)[1]))


class TeamError(ValidationError):
    """A request that cannot be carried out; the message says why, in the user's language."""


def _lock(team: Team) -> Team:
    """Take the team's row lock (PostgreSQL) — SQLite transactions here begin IMMEDIATE and
    are serialised already — and return the team fresh from the database."""
    return Team.objects.select_for_update().select_related("workplace__industry").get(pk=team.pk)


def _touch(team: Team) -> None:
    """Tell open pages of the team that something changed."""
    Team.objects.filter(pk=team.pk).update(revision=F("revision") + 1)


def _event(team: Team, kind: str, user=None, role: str = "", **detail) -> None:
    TeamEvent.objects.create(team=team, kind=kind, user=user, role=role, detail=detail)
    _touch(team)


def _enrol(team: Team, user, role: str) -> None:
    for version in team.versions.all():
        enrol_learner(user, version, team.workplace.industry, role)


@transaction.atomic
def create_team(user, workplace: Workplace, roles: list[str], versions: list) -> Team:
    """Create a team for ``workplace`` (saved here if new); ``user`` takes ``roles``' seats and
    is enrolled in ``versions`` in the workplace's industry, in their first seat's variant."""
    roles = [r.value for r in SEAT_ROLES if r.value in roles]
    if not roles:
        raise TeamError(_("Choose the seat you hold in the team."), code="no_seat")
    if not versions:
        raise TeamError(_("Choose at least one module for the team."), code="no_module")
    for version in versions:
        if (
            not version.all_industries
            and not version.industries.filter(pk=workplace.industry_id).exists()
        ):
            raise TeamError(
                _("The module “%(module)s” is not available for the workplace's industry.")
                % {"module": version.title_text},
                code="industry",
            )
    if workplace.pk is None:
        workplace.created_by = user
        workplace.full_clean()
        workplace.save()
    team = Team.objects.create(workplace=workplace, created_by=user)
    team.versions.set(versions)
    now = timezone.now()
    Seat.objects.bulk_create(
        Seat(
            team=team,
            role=role.value,
            state=Seat.State.FILLED if role.value in roles else Seat.State.OPEN,
            user=user if role.value in roles else None,
            joined_at=now if role.value in roles else None,
        )
        for role in SEAT_ROLES
    )
    _enrol(team, user, roles[0])
    _event(team, TeamEvent.Kind.CREATED, user, roles=roles)
    record_statement(statements.team_created(team, user))
    return team


@transaction.atomic
def invite(team: Team, by, role: str, email: str = "") -> Invitation:
    """A new link for an open seat. It replaces the seat's earlier links, which stop working;
    with an e-mail address, the link is also sent there (after commit)."""
    team = _lock(team)
    seat = team.seats.get(role=role)
    if seat.state == Seat.State.FILLED:
        raise TeamError(_("That seat is already taken."), code="seat_filled")
    now = timezone.now()
    team.invitations.filter(role=role, used_at=None, revoked_at=None).update(
        revoked_at=now, email=""
    )
    if seat.state == Seat.State.NONE:
        seat.state = Seat.State.OPEN
        seat.save(update_fields=["state"])
    invitation = Invitation.objects.create(
        team=team,
        role=role,
        email=email,
        created_by=by,
        created_at=now,
        expires_at=now + timedelta(days=INVITATION_DAYS),
    )
    _event(team, TeamEvent.Kind.INVITED, by, role, by_email=bool(email))
    if email:
        _send_on_commit(invitation, by)
    return invitation


def _send_on_commit(invitation: Invitation, by) -> None:
    from teams.tasks import send_invitation_task

    language = getattr(by, "language", "") or settings.LANGUAGE_CODE
    transaction.on_commit(lambda: send_invitation_task.delay(invitation.pk, language))


@transaction.atomic
def resend_invitation(team: Team, by, invitation_id: int) -> Invitation:
    """Send a usable invitation's e-mail again."""
    team = _lock(team)
    invitation = team.invitations.filter(pk=invitation_id).first()
    if invitation is None or not invitation.is_usable() or not invitation.email:
        raise TeamError(_("That invitation can no longer be sent."), code="not_usable")
    _send_on_commit(invitation, by)
    return invitation


@transaction.atomic
def revoke_invitation(team: Team, by, invitation_id: int) -> None:
    team = _lock(team)
    invitation = team.invitations.filter(pk=invitation_id).first()
    if invitation is None or not invitation.is_usable():
        raise TeamError(_("That invitation is no longer open."), code="not_usable")
    invitation.revoked_at = timezone.now()
    invitation.email = ""
    invitation.save(update_fields=["revoked_at", "email"])
    _event(team, TeamEvent.Kind.INVITATION_REVOKED, by, invitation.role)


@transaction.atomic
def accept_invitation(token: str, user) -> Seat:
    """Take the invitation's seat: the person joins the team and is enrolled in its modules
    in the workplace's industry, in the seat's role variant (or the variant of a seat they
    already hold in this team). Anything wrong changes nothing and says why."""
    found = Invitation.objects.filter(token=token).only("team_id").first()
    if found is None:
        raise TeamError(_("This invitation link is not valid."), code="unknown")
    team = _lock(found.team)
    invitation = Invitation.objects.select_for_update().get(pk=found.pk)
    if invitation.revoked_at is not None:
        raise TeamError(
            _("This invitation has been withdrawn. Ask the team for a new link."), code="revoked"
        )
    if invitation.used_at is not None:
        raise TeamError(_("This invitation has already been used."), code="used")
    now = timezone.now()
    if invitation.expires_at <= now:
        raise TeamError(
            _("This invitation has expired. Ask the team for a new link."), code="expired"
        )
    seat = team.seats.get(role=invitation.role)
    if seat.state == Seat.State.FILLED:
        raise TeamError(_("Someone has already taken this seat."), code="seat_filled")
    held = list(team.seats.filter(user=user).values_list("role", flat=True))
    seat.state, seat.user, seat.joined_at = Seat.State.FILLED, user, now
    seat.save(update_fields=["state", "user", "joined_at"])
    invitation.used_at, invitation.used_by, invitation.email = now, user, ""
    invitation.save(update_fields=["used_at", "used_by", "email"])
    _enrol(team, user, held[0] if held else seat.role)
    _event(team, TeamEvent.Kind.JOINED, user, seat.role)
    if not held:
        record_statement(statements.member_joined(team, user))
    return seat


@transaction.atomic
def declare_seat_empty(team: Team, by, role: str) -> Seat:
    """ "We have none": the team goes on without this seat (and gets guidance)."""
    team = _lock(team)
    seat = team.seats.get(role=role)
    if seat.state == Seat.State.FILLED:
        raise TeamError(_("Someone holds that seat."), code="seat_filled")
    if seat.state == Seat.State.NONE:
        return seat
    seat.state = Seat.State.NONE
    seat.save(update_fields=["state"])
    team.invitations.filter(role=role, used_at=None, revoked_at=None).update(
        revoked_at=timezone.now(), email=""
    )
    _event(team, TeamEvent.Kind.SEAT_NONE, by, role)
    record_statement(statements.seat_declared_empty(team, by, role))
    _agree_if_confirmed(team)
    return seat


@transaction.atomic
def reopen_seat(team: Team, by, role: str) -> Seat:
    team = _lock(team)
    seat = team.seats.get(role=role)
    if seat.state != Seat.State.NONE:
        return seat
    seat.state = Seat.State.OPEN
    seat.save(update_fields=["state"])
    _event(team, TeamEvent.Kind.SEAT_REOPENED, by, role)
    return seat


@transaction.atomic
def vacate_seat(team: Team, by, role: str) -> Seat:
    """A member leaves a seat, or another member removes them from it. The seat reopens;
    the history, the plan and the statements stay."""
    team = _lock(team)
    seat = team.seats.select_related("user").get(role=role)
    if seat.state != Seat.State.FILLED:
        raise TeamError(_("Nobody holds that seat."), code="seat_open")
    member = seat.user
    others = team.seats.filter(state=Seat.State.FILLED).exclude(pk=seat.pk)
    if not others.exists():
        raise TeamError(
            _("The team's last member cannot leave. Invite someone to another seat first."),
            code="last_member",
        )
    seat.state, seat.user, seat.joined_at = Seat.State.OPEN, None, None
    seat.save(update_fields=["state", "user", "joined_at"])
    kind = TeamEvent.Kind.LEFT if member == by else TeamEvent.Kind.REMOVED
    _event(team, kind, member, role, by_other=member != by)
    if not others.filter(user=member).exists():
        record_statement(statements.member_left(team, member))
    _agree_if_confirmed(team)
    return seat


@transaction.atomic
def map_factors(team: Team, by, items: list[dict]) -> list[TeamFactor]:
    """Store the team's ranked factors (up to five): ``{"key": ...}`` from the industry's
    list or ``{"custom": ...}`` in the team's own words. Replaces the earlier mapping."""
    team = _lock(team)
    known = {f["key"] for f in team.workplace.industry.factors}
    if not items:
        raise TeamError(_("Choose at least one factor."), code="empty")
    if len(items) > MAX_FACTORS:
        raise TeamError(_("Choose at most %(n)d factors.") % {"n": MAX_FACTORS}, code="too_many")
    seen = set()
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
        item["custom"] = "" if key else custom[:200]
    team.factors.all().delete()
    factors = TeamFactor.objects.bulk_create(
        TeamFactor(team=team, rank=i, key=item.get("key", ""), custom=item["custom"])
        for i, item in enumerate(items, start=1)
    )
    keys = [f.key for f in factors if f.key]
    _event(team, TeamEvent.Kind.FACTORS, by, count=len(factors))
    record_statement(statements.factors_mapped(team, by, keys, len(factors) - len(keys)))
    return factors


def _check_actions(team: Team, actions: list[dict]) -> None:
    if not 1 <= len(actions) <= MAX_ACTIONS:
        raise TeamError(_("A plan has from 1 to %(n)d actions.") % {"n": MAX_ACTIONS}, code="count")
    owners = set(team.seats.filter(state=Seat.State.FILLED).values_list("role", flat=True))
    today = timezone.localdate()
    for action in actions:
        if not action.get("text", "").strip() or not action.get("done_means", "").strip():
            raise TeamError(
                _("Every action needs a description and what “done” means."), code="blank"
            )
        if action.get("owner_role") not in owners:
            raise TeamError(_("Every action is owned by a seat someone holds."), code="owner")
        due = action.get("due_date")
        if not isinstance(due, date) or due < today:
            raise TeamError(_("A due date cannot be in the past."), code="due_date")


@transaction.atomic
def save_plan(team: Team, by, based_on: int, actions: list[dict]) -> PlanVersion:
    """Save a new version of the action plan. ``based_on`` is the version the member was
    looking at (0 for none): if someone saved another since, nothing is saved and the
    member is asked to look again. Every seat must confirm the new version."""
    team = _lock(team)
    latest = team.plan_versions.aggregate(n=Max("number"))["n"] or 0
    if based_on != latest:
        raise TeamError(
            _(
                "Someone changed the plan while you were writing. Read the new version and "
                "make your change again."
            ),
            code="stale",
        )
    _check_actions(team, actions)
    plan = PlanVersion.objects.create(team=team, number=latest + 1, created_by=by)
    PlanAction.objects.bulk_create(
        PlanAction(
            plan=plan,
            order=i,
            text=a["text"].strip()[:300],
            owner_role=a["owner_role"],
            due_date=a["due_date"],
            done_means=a["done_means"].strip()[:300],
        )
        for i, a in enumerate(actions, start=1)
    )
    _event(team, TeamEvent.Kind.PLAN_DRAFTED, by, version=plan.number)
    record_statement(statements.plan_drafted(team, by, plan))
    return plan


@transaction.atomic
def confirm_plan(team: Team, by, number: int) -> PlanVersion:
    """``by`` confirms plan version ``number`` for every seat they hold. When every present
    seat has confirmed the latest version, the plan is agreed (and the check-ins scheduled,
    the first time)."""
    team = _lock(team)
    plan = team.plan_versions.order_by("-number").first()
    if plan is None or plan.number != number:
        raise TeamError(
            _("The plan has changed since you opened it. Read it again before you confirm."),
            code="stale",
        )
    roles = list(team.seats.filter(state=Seat.State.FILLED, user=by).values_list("role", flat=True))
    done = set(plan.confirmations.values_list("role", flat=True))
    new = [r for r in roles if r not in done]
    if not new:
        raise TeamError(_("You have already confirmed this version."), code="confirmed")
    now = timezone.now()
    PlanConfirmation.objects.bulk_create(
        PlanConfirmation(plan=plan, role=role, user=by, at=now) for role in new
    )
    _event(team, TeamEvent.Kind.PLAN_CONFIRMED, by, version=plan.number, roles=new)
    record_statement(statements.plan_confirmed(team, by, plan))
    _agree_if_confirmed(team)
    plan.refresh_from_db()
    return plan


def _agree_if_confirmed(team: Team) -> None:
    """Agree the latest plan version if every present seat has confirmed it."""
    plan = team.plan_versions.order_by("-number").first()
    if plan is None or plan.agreed_at is not None:
        return
    present = set(team.seats.filter(state=Seat.State.FILLED).values_list("role", flat=True))
    confirmed = set(plan.confirmations.values_list("role", flat=True))
    if not present or not present <= confirmed:
        return
    now = timezone.now()
    plan.agreed_at = now
    plan.save(update_fields=["agreed_at"])
    _event(team, TeamEvent.Kind.PLAN_AGREED, None, version=plan.number)
    record_statement(statements.plan_agreed(team, plan))
    if team.plan_agreed_at is None:
        team.plan_agreed_at = now
        Team.objects.filter(pk=team.pk).update(plan_agreed_at=now)
        months = selectors.follow_up_months(team)
        CheckIn.objects.bulk_create(
            CheckIn(
                team=team,
                number=i,
                months=m,
                due_at=add_months(now, m),
            )
            for i, m in enumerate(months, start=1)
        )


def _clean_answers(answers: dict) -> dict[str, int]:
    out = {}
    for key in QUESTIONS:
        value = answers.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 4:
            raise TeamError(_("Answer all four questions."), code="answers")
        out[key] = value
    return out


@transaction.atomic
def record_baseline(team: Team, by, answers: dict) -> Assessment:
    """A member's own answers to the four questions at the joint session (may be changed
    until the plan is agreed)."""
    team = _lock(team)
    clean = _clean_answers(answers)
    if team.plan_agreed_at is not None and team.assessments.filter(user=by, check_in=None).exists():
        raise TeamError(
            _("The plan is agreed; your starting point can no longer be changed."), code="locked"
        )
    assessment, _created = Assessment.objects.update_or_create(
        team=team, user=by, check_in=None, defaults={**clean, "at": timezone.now()}
    )
    _event(team, TeamEvent.Kind.BASELINE, by)
    record_statement(statements.self_assessed(team, by, clean))
    return assessment


def _due_check_in(team: Team, number: int) -> CheckIn:
    check_in = team.check_ins.select_for_update().filter(number=number).first()
    if check_in is None:
        raise TeamError(_("There is no such check-in."), code="unknown")
    if check_in.due_at > timezone.now():
        raise TeamError(_("This check-in is not due yet."), code="not_due")
    return check_in


@transaction.atomic
def complete_check_in(team: Team, by, number: int, statuses: dict, answers: dict) -> CheckIn:
    """Record what became of each action in the agreed plan, and ``by``'s own four answers.
    Other members add their answers with ``answer_check_in``."""
    team = _lock(team)
    check_in = _due_check_in(team, number)
    if check_in.done_at is not None:
        raise TeamError(_("This check-in has already been done."), code="done")
    plan = selectors.agreed_plan(team)
    actions = list(plan.actions.all())
    clean = _clean_answers(answers)
    valid = set(ActionStatus.Status.values)
    for action in actions:
        status, _comment = statuses.get(action.pk, ("", ""))
        if status not in valid:
            raise TeamError(_("Give every action a status."), code="status")
    now = timezone.now()
    check_in.done_at, check_in.done_by, check_in.plan = now, by, plan
    check_in.save(update_fields=["done_at", "done_by", "plan"])
    ActionStatus.objects.bulk_create(
        ActionStatus(
            check_in=check_in,
            action=action,
            status=statuses[action.pk][0],
            comment=statuses[action.pk][1].strip()[:500],
        )
        for action in actions
    )
    Assessment.objects.create(team=team, user=by, check_in=check_in, at=now, **clean)
    counts: dict[str, int] = {}
    for action in actions:
        counts[statuses[action.pk][0]] = counts.get(statuses[action.pk][0], 0) + 1
    _event(team, TeamEvent.Kind.CHECK_IN, by, number=number)
    record_statement(statements.checked_in(team, by, check_in, counts))
    record_statement(statements.self_assessed(team, by, clean, check_in))
    return check_in


@transaction.atomic
def answer_check_in(team: Team, by, number: int, answers: dict) -> Assessment:
    """A member's own four answers at a check-in another member has recorded."""
    team = _lock(team)
    check_in = _due_check_in(team, number)
    if check_in.done_at is None:
        raise TeamError(_("This check-in has not been recorded yet."), code="not_done")
    clean = _clean_answers(answers)
    try:
        with transaction.atomic():
            assessment = Assessment.objects.create(team=team, user=by, check_in=check_in, **clean)
    except IntegrityError:
        raise TeamError(_("You have already answered this check-in."), code="answered") from None
    _touch(team)
    record_statement(statements.self_assessed(team, by, clean, check_in))
    return assessment


def forget_expired_invitations() -> int:
    """Forget the e-mail addresses of invitations that expired unused: they were kept only
    to send the link again. Returns how many were cleared."""
    return (
        Invitation.objects.filter(expires_at__lte=timezone.now(), used_at=None)
        .exclude(email="")
        .update(email="")
    )


def release_seats_of(user) -> None:
    """Before a person's account is deleted: their seats reopen. The history keeps the
    events (without the person), the statements keep their pseudonymous actor."""
    for seat in Seat.objects.filter(user=user).select_related("team"):
        Seat.objects.filter(pk=seat.pk).update(state=Seat.State.OPEN, user=None, joined_at=None)
        _event(seat.team, TeamEvent.Kind.LEFT, None, seat.role)


def send_invitation_email(invitation_id: int, language: str) -> bool:
    """E-mail an invitation's link (from the task queue). Sends nothing for an invitation
    that was used, revoked or expired meanwhile; returns whether it sent."""
    from django.contrib.auth import get_user_model
    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.urls import reverse
    from django.utils.translation import override

    invitation = (
        Invitation.objects.select_related("team__workplace", "created_by")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None or not invitation.is_usable() or not invitation.email:
        return False
    link = settings.SITE_URL + reverse("team_join", args=[invitation.token])
    # In the recipient's own language if they have an account; else in the inviter's.
    recipient = get_user_model().objects.filter(email__iexact=invitation.email).first()
    if recipient is not None and recipient.language:
        language = recipient.language
    with override(language):
        context = {"invitation": invitation, "link": link, "days": INVITATION_DAYS}
        subject = render_to_string("teams/email/invitation_subject.txt", context).strip()
        body = render_to_string("teams/email/invitation_body.txt", context)
    send_mail(subject, body, None, [invitation.email])
    Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())
    return True
