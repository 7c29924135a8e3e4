from django.core.management.base import BaseCommand

from mail.sender import send_pending
from reminders.engine import run


class Command(BaseCommand):
    help = (
        "Find the reminders that are due and send them, once (what Celery beat runs "
        "hourly), then send the outbox. Running it again sends nothing new."
    )

    def handle(self, *args, **options):
        report = run()
        mail = send_pending()
        self.stdout.write(
            f"{report.due} due, {report.sent} sent in {report.emails} e-mail(s), "
            f"{report.skipped} skipped, {report.deferred} deferred to tomorrow; "
            f"outbox: {mail.sent} sent, {mail.retry} waiting to be tried again"
        )
