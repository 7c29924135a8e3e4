"""An open team invitation: after 3 and 10 days, to the invitee (when it was e-mailed)
and to the member who made it."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reminders.builtin.common import WINDOW, subject_id
from reminders.kinds import Due, Part
from teams.models import Invitation, Seat

AFTER_DAYS = (3, 10)


class OpenInvitation:
    name = "team_invitation"
    label = gettext_lazy("A team invitation that has not been answered")

    def find_due(self, now):
        found = []
        for days in AFTER_DAYS:
            upper = now - timedelta(days=days)
            found += [
                (invitation, days)
                for invitation in Invitation.objects.filter(
                    used_at__isnull=True,
                    revoked_at__isnull=True,
                    created_at__lte=upper,
                    created_at__gt=upper - WINDOW,
                    expires_at__gt=now,
                )
                .select_related("created_by")
                .order_by()
            ]
        addresses = {i.email.lower() for i, _d in found if i.email}
        accounts = {
            u.email.lower(): u
            for u in get_user_model().objects.filter(email__in=addresses, is_active=True)
        }
        for invitation, days in found:
            due_on = timezone.localdate(invitation.created_at + timedelta(days=days))
            inviter = invitation.created_by
            detail = {"days": days}
            if invitation.email:
                yield Due(
                    f"invitation:{invitation.pk}:invitee",
                    due_on,
                    user=accounts.get(invitation.email.lower()),
                    email=invitation.email,
                    language=getattr(inviter, "language", ""),
                    detail=detail,
                )
            if inviter is not None and inviter.is_active:
                yield Due(
                    f"invitation:{invitation.pk}:inviter", due_on, user=inviter, detail=detail
                )

    def _invitation(self, reminder):
        return (
            Invitation.objects.select_related("team__workplace")
            .filter(pk=subject_id(reminder))
            .first()
        )

    def still_wanted(self, reminder) -> bool:
        invitation = self._invitation(reminder)
        if invitation is None or not invitation.is_usable():
            return False
        if reminder.subject_key.endswith(":invitee"):
            return bool(invitation.email)
        open_seat = Seat.objects.filter(
            team_id=invitation.team_id, role=invitation.role, state=Seat.State.OPEN
        ).exists()
        member = Seat.objects.filter(team_id=invitation.team_id, user_id=reminder.user_id)
        return open_seat and member.exists()

    def part(self, reminder) -> Part:
        invitation = self._invitation(reminder)
        names = {
            "workplace": invitation.team.workplace.name if invitation else "",
            "seat": invitation.role_label if invitation else "",
            "days": reminder.detail.get("days", AFTER_DAYS[0]),
            "expires": formats.date_format(
                timezone.localtime(invitation.expires_at) if invitation else timezone.now(),
                "DATE_FORMAT",
            ),
        }
        if reminder.subject_key.endswith(":invitee"):
            return Part(
                subject=_("Your invitation to the work-environment team at %(workplace)s") % names,
                text=_(
                    "%(days)d days ago you were invited to take the seat “%(seat)s” in the "
                    "work-environment team at %(workplace)s. The invitation is open until "
                    "%(expires)s."
                )
                % names,
                action=_("Answer the invitation"),
                path=reverse("team_join", args=[invitation.token]) if invitation else "/",
            )
        return Part(
            subject=_("No answer yet to the invitation for the seat “%(seat)s”") % names,
            text=_(
                "The invitation to take the seat “%(seat)s” in the team at %(workplace)s has "
                "not been answered in %(days)d days. Send it again, share the link another "
                "way, or tell the team that the workplace has none."
            )
            % names,
            action=_("Open the team page"),
            path=(
                reverse("team_detail", args=[invitation.team.public_id])
                + f"#seat-{invitation.role}"
                if invitation
                else "/"
            ),
        )
