from celery import shared_task

from mail.actions import purge_sent
from mail.sender import send_pending


@shared_task(ignore_result=True)
def send_mail_task() -> dict:
    """Send the e-mails that are due (after each commit that queues some, and every minute)."""
    report = send_pending()
    return {"sent": report.sent, "retry": report.retry, "parked": report.parked}


@shared_task(ignore_result=True)
def purge_sent_mail_task() -> int:
    """Daily: e-mails sent (or given up) a month ago are deleted."""
    return purge_sent()
