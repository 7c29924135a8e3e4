from celery import shared_task

from reminders.engine import run


@shared_task(ignore_result=True)
def send_reminders_task() -> dict:
    """Hourly (Celery beat): find what is due and send it, once."""
    report = run()
    return {"due": report.due, "sent": report.sent, "emails": report.emails}
