from django.core.management.base import BaseCommand, CommandError

from tracking.actions import create_lrs_client
from tracking.models import LRSClient


class Command(BaseCommand):
    help = "Create credentials for /xapi/ and print them once: username=… and password=…"

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument("--read-only", action="store_true", help="may read, not write")

    def handle(self, *args, name, read_only=False, **options):
        if LRSClient.objects.filter(name=name).exists():
            raise CommandError(f"an LRS client named {name!r} exists already")
        client, secret = create_lrs_client(name, can_write=not read_only)
        self.stdout.write(f"username={client.key}")
        self.stdout.write(f"password={secret}")
