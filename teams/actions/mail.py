"""Invitation e-mails (through the outbox) and forgetting invitees' addresses."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from mail.actions import cancel_pending, queue_email
from teams.models import Invitation

INVITATION_DAYS = 14


def invitation_tag(invitation_id: int) -> str:
    return f"team-invitation:{invitation_id}"


def queue_invitation_email(invitation: Invitation, language: str) -> None:
    """Queue the invitation's e-mail in the caller's transaction (the worker sends it
    after commit; a broker or mail server that is down only delays it)."""
    link = settings.SITE_URL + reverse("team_join", args=[invitation.token])
    # In the recipient's own language if they have an account; else in the inviter's.
    recipient = get_user_model().objects.filter(email__iexact=invitation.email).first()
    if recipient is not None and recipient.language:
        language = recipient.language
    with override(language):
        context = {"invitation": invitation, "link": link, "days": INVITATION_DAYS}
        subject = render_to_string("teams/email/invitation_subject.txt", context)
        body = render_to_string("teams/email/invitation_body.txt", context)
    queue_email(invitation.email, subject, body, tag=invitation_tag(invitation.pk))
    invitation.sent_at = timezone.now()
    Invitation.objects.filter(pk=invitation.pk).update(sent_at=invitation.sent_at)


def cancel_invitation_emails(invitation_ids) -> int:
    """Withdrawn links are not e-mailed after all, if their e-mail is still waiting."""
    return cancel_pending([invitation_tag(pk) for pk in invitation_ids])


def send_invitation_email(invitation_id: int, language: str) -> bool:
    """Queue an invitation's e-mail by id (for task messages queued before the outbox).
    Nothing for an invitation that was used, revoked or expired meanwhile."""
    invitation = (
        Invitation.objects.select_related("team__workplace").filter(pk=invitation_id).first()
    )
    if invitation is None or not invitation.is_usable() or not invitation.email:
        return False
    queue_invitation_email(invitation, language)
    return True


def forget_expired_invitations() -> int:
    """Forget the e-mail addresses of invitations that expired unused: they were kept only
    to send the link again. Returns how many were cleared."""
    return (
        Invitation.objects.filter(expires_at__lte=timezone.now(), used_at=None)
        .exclude(email="")
        .update(email="")
    )
