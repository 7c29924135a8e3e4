"""Invitation e-mails (sent from the task queue) and forgetting invitees' addresses."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from teams.actions.seats import INVITATION_DAYS
from teams.models import Invitation


def send_invitation_email(invitation_id: int, language: str) -> bool:
    """E-mail an invitation's link (from the task queue). Sends nothing for an invitation
    that was used, revoked or expired meanwhile; returns whether it sent."""
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


def forget_expired_invitations() -> int:
    """Forget the e-mail addresses of invitations that expired unused: they were kept only
    to send the link again. Returns how many were cleared."""
    return (
        Invitation.objects.filter(expires_at__lte=timezone.now(), used_at=None)
        .exclude(email="")
        .update(email="")
    )
