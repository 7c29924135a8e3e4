from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from tracking.forwarding import forward_pending


class Command(BaseCommand):
    help = "Forward pending xAPI statements to the external LRS now."

    def handle(self, *args, **options):
        if not settings.XAPI_LRS_ENDPOINT:
            raise CommandError("XAPI_LRS_ENDPOINT is not set: there is no LRS to forward to")
        report = forward_pending()
        self.stdout.write(
            f"delivered {report.delivered}, parked {report.parked}, to retry {report.retry}"
        )
