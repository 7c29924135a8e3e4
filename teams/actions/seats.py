"""Seats: creating a team, inviting, joining, declaring a seat empty, and vacating a seat
(leaving it, being removed from it, or deleting one's account)."""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from base.submit import remember
from teams.actions.common import TeamError, enrol_member, record_event, repeated
from teams.actions.mail import INVITATION_DAYS, cancel_invitation_emails, queue_invitation_email
from teams.actions.plan import agree_if_confirmed
from teams.models import SEAT_ROLES, Invitation, Seat, Team, TeamEvent, Workplace
from teams.permissions import access_team, lock_team
from tracking import team_statements as statements
from tracking.actions import record_statement


def _check_versions(workplace: Workplace, versions: list) -> None:
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


def create_team(
    workplace: Workplace, roles: list[str], versions: list, *, acting_user, submit_token=None
) -> Team:
    """Create a team for ``workplace`` (saved here if new); ``acting_user`` takes ``roles``'
    seats and is enrolled in ``versions`` in the workplace's industry, in their first seat's
    variant. With the form's ``submit_token``, submitting the same form again (even at the
    same moment) returns the team it made, and makes nothing."""
    if submit_token is None:
        return _create_team(workplace, roles, versions, acting_user=acting_user)
    made = Team.objects.filter(created_by=acting_user, submit_token=submit_token).first()
    if made is not None:
        return made
    try:
        return _create_team(
            workplace, roles, versions, acting_user=acting_user, submit_token=submit_token
        )
    except IntegrityError:
        made = Team.objects.filter(created_by=acting_user, submit_token=submit_token).first()
        if made is None:
            raise
        return made


@transaction.atomic
def _create_team(workplace, roles, versions, *, acting_user, submit_token=None) -> Team:
    roles = [r.value for r in SEAT_ROLES if r.value in roles]
    if not roles:
        raise TeamError(_("Choose the seat you hold in the team."), code="no_seat")
    _check_versions(workplace, versions)
    if workplace.pk is None:
        workplace.created_by = acting_user
        workplace.full_clean()
        workplace.save()
    team = Team.objects.create(
        workplace=workplace, created_by=acting_user, submit_token=submit_token
    )
    team.versions.set(versions)
    now = timezone.now()
    Seat.objects.bulk_create(
        Seat(
            team=team,
            role=role.value,
            state=Seat.State.FILLED if role.value in roles else Seat.State.OPEN,
            user=acting_user if role.value in roles else None,
            joined_at=now if role.value in roles else None,
        )
        for role in SEAT_ROLES
    )
    enrol_member(team, acting_user, roles[0])
    record_event(team, TeamEvent.Kind.CREATED, acting_user, roles=roles)
    record_statement(statements.team_created(team, acting_user))
    return team


def _withdraw_links(team: Team, role: str, now) -> None:
    links = team.invitations.filter(role=role, used_at=None, revoked_at=None)
    cancel_invitation_emails(list(links.values_list("pk", flat=True)))
    links.update(revoked_at=now, email="")


@transaction.atomic
def invite(team_id, role: str, email: str = "", *, acting_user, submit_token=None) -> Invitation:
    """A new link for an open seat. It replaces the seat's earlier links, which stop working;
    with an e-mail address, the link is also sent there (after commit). The same form sent
    again (``submit_token``) returns the first link, which keeps working."""
    team = access_team(acting_user, team_id, lock=True)
    if (made := repeated(acting_user, submit_token)) is not None:
        return made
    seat = team.seats.get(role=role)
    if seat.state == Seat.State.FILLED:
        raise TeamError(_("That seat is already taken."), code="seat_filled")
    now = timezone.now()
    _withdraw_links(team, role, now)
    if seat.state == Seat.State.EMPTY:
        seat.state = Seat.State.OPEN
        seat.save(update_fields=["state"])
    invitation = Invitation.objects.create(
        team=team,
        role=role,
        email=email,
        created_by=acting_user,
        created_at=now,
        expires_at=now + timedelta(days=INVITATION_DAYS),
    )
    record_event(team, TeamEvent.Kind.INVITED, acting_user, role, by_email=bool(email))
    if email:
        _queue_email(invitation, acting_user)
    remember(acting_user, submit_token, invitation)
    return invitation


def _queue_email(invitation: Invitation, sender) -> None:
    language = getattr(sender, "language", "") or settings.LANGUAGE_CODE
    queue_invitation_email(invitation, language)


@transaction.atomic
def resend_invitation(team_id, invitation_id: int, *, acting_user, submit_token=None) -> Invitation:
    """Send a usable invitation's e-mail again (once per ``submit_token``)."""
    team = access_team(acting_user, team_id, lock=True)
    if (made := repeated(acting_user, submit_token)) is not None:
        return made
    invitation = team.invitations.filter(pk=invitation_id).first()
    if invitation is None or not invitation.is_usable() or not invitation.email:
        raise TeamError(_("That invitation can no longer be sent."), code="not_usable")
    _queue_email(invitation, acting_user)
    remember(acting_user, submit_token, invitation)
    return invitation


@transaction.atomic
def revoke_invitation(team_id, invitation_id: int, *, acting_user) -> None:
    team = access_team(acting_user, team_id, lock=True)
    invitation = team.invitations.filter(pk=invitation_id).first()
    if invitation is None or not invitation.is_usable():
        raise TeamError(_("That invitation is no longer open."), code="not_usable")
    invitation.revoked_at = timezone.now()
    invitation.email = ""
    invitation.save(update_fields=["revoked_at", "email"])
    cancel_invitation_emails([invitation.pk])
    record_event(team, TeamEvent.Kind.INVITATION_REVOKED, acting_user, invitation.role)


def _usable_invitation(token: str) -> tuple[Team, Invitation]:
    found = Invitation.objects.filter(token=token).only("team_id").first()
    if found is None:
        raise TeamError(_("This invitation link is not valid."), code="unknown")
    team = lock_team(found.team)
    invitation = Invitation.objects.select_for_update().get(pk=found.pk)
    if invitation.revoked_at is not None:
        raise TeamError(
            _("This invitation has been withdrawn. Ask the team for a new link."), code="revoked"
        )
    if invitation.used_at is not None:
        raise TeamError(_("This invitation has already been used."), code="used")
    if invitation.expires_at <= timezone.now():
        raise TeamError(
            _("This invitation has expired. Ask the team for a new link."), code="expired"
        )
    return team, invitation


@transaction.atomic
def accept_invitation(token: str, *, acting_user) -> Seat:
    """Take the invitation's seat: the person joins the team and is enrolled in its modules
    in the workplace's industry, in the seat's role variant (or the variant of a seat they
    already hold in this team). Anything wrong changes nothing and says why."""
    team, invitation = _usable_invitation(token)
    seat = team.seats.get(role=invitation.role)
    if seat.state == Seat.State.FILLED:
        raise TeamError(_("Someone has already taken this seat."), code="seat_filled")
    held = list(team.seats.filter(user=acting_user).values_list("role", flat=True))
    now = timezone.now()
    seat.state, seat.user, seat.joined_at = Seat.State.FILLED, acting_user, now
    seat.save(update_fields=["state", "user", "joined_at"])
    invitation.used_at, invitation.used_by, invitation.email = now, acting_user, ""
    invitation.save(update_fields=["used_at", "used_by", "email"])
    cancel_invitation_emails([invitation.pk])
    enrol_member(team, acting_user, held[0] if held else seat.role)
    record_event(team, TeamEvent.Kind.JOINED, acting_user, seat.role)
    if not held:
        record_statement(statements.member_joined(team, acting_user))
    return seat


@transaction.atomic
def declare_seat_empty(team_id, role: str, *, acting_user) -> Seat:
    """ "We have none": the team goes on without this seat (and gets guidance)."""
    team = access_team(acting_user, team_id, lock=True)
    seat = team.seats.get(role=role)
    if seat.state == Seat.State.FILLED:
        raise TeamError(_("Someone holds that seat."), code="seat_filled")
    if seat.state == Seat.State.EMPTY:
        return seat
    seat.state = Seat.State.EMPTY
    seat.save(update_fields=["state"])
    _withdraw_links(team, role, timezone.now())
    record_event(team, TeamEvent.Kind.SEAT_EMPTY, acting_user, role)
    record_statement(statements.seat_declared_empty(team, acting_user, role))
    agree_if_confirmed(team)
    return seat


@transaction.atomic
def reopen_seat(team_id, role: str, *, acting_user) -> Seat:
    """ "We have one after all": an empty seat is open again for an invitation."""
    team = access_team(acting_user, team_id, lock=True)
    seat = team.seats.get(role=role)
    if seat.state != Seat.State.EMPTY:
        return seat
    seat.state = Seat.State.OPEN
    seat.save(update_fields=["state"])
    record_event(team, TeamEvent.Kind.SEAT_REOPENED, acting_user, role)
    return seat


@transaction.atomic
def vacate_seat(team_id, role: str, *, acting_user, account_deleted: bool = False) -> Seat:
    """A member leaves a seat, another member removes them from it, or the member's account
    is being deleted. The seat reopens; the history, the plan and the statements stay, and
    the plan is agreed if every seat still held has confirmed it.

    The team's last member cannot leave, except when their account is deleted: the team
    then has nobody left to see it."""
    team = access_team(acting_user, team_id, lock=True)
    seat = team.seats.select_related("user").get(role=role)
    if seat.state != Seat.State.FILLED:
        raise TeamError(_("Nobody holds that seat."), code="seat_open")
    member = seat.user
    others = team.seats.filter(state=Seat.State.FILLED).exclude(pk=seat.pk)
    if not account_deleted and not others.exists():
        raise TeamError(
            _("The team's last member cannot leave. Invite someone to another seat first."),
            code="last_member",
        )
    seat.state, seat.user, seat.joined_at = Seat.State.OPEN, None, None
    seat.save(update_fields=["state", "user", "joined_at"])
    removed = member != acting_user
    kind = TeamEvent.Kind.REMOVED if removed else TeamEvent.Kind.LEFT
    # The remover's seat (leader first), for the removed person's home page.
    by_seats = sorted(others.filter(user=acting_user), key=lambda s: s.order) if removed else []
    extra = {"by_role": by_seats[0].role} if by_seats else {}
    record_event(team, kind, None if account_deleted else member, role, by_other=removed, **extra)
    if not others.filter(user=member).exists():
        record_statement(statements.member_left(team, member))
    agree_if_confirmed(team)
    return seat
