from celery import shared_task

from teams.actions import forget_expired_invitations, send_invitation_email


@shared_task(ignore_result=True)
def send_invitation_task(invitation_id: int, language: str) -> bool:
    """Invitation e-mails now go through the outbox (mail/); this only takes task
    messages a broker still held from before, and queues their e-mail there."""
    return send_invitation_email(invitation_id, language)


@shared_task(ignore_result=True)
def forget_expired_invitations_task() -> int:
    """Daily: e-mail addresses of unused, expired invitations are not kept."""
    return forget_expired_invitations()
