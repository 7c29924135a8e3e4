from celery import shared_task

from teams.actions import forget_expired_invitations, send_invitation_email


@shared_task(ignore_result=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=8)
def send_invitation_task(invitation_id: int, language: str) -> bool:
    """E-mail a team invitation; a mail server that is down is retried with back-off."""
    return send_invitation_email(invitation_id, language)


@shared_task(ignore_result=True)
def forget_expired_invitations_task() -> int:
    """Daily: e-mail addresses of unused, expired invitations are not kept."""
    return forget_expired_invitations()
