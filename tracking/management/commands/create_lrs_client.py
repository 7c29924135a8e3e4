from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from tracking.actions import create_lrs_client
from tracking.lrs import scopes
from tracking.models import LRSClient


class Command(BaseCommand):
    help = "Create credentials for /xapi/ and print them once: username=… and password=…"

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument("--read-only", action="store_true", help="may read, not write")
        parser.add_argument(
            "--organisation",
            help="read only about the consenting members of this organisation (its public "
            "id or exact name) and the organisations under it; such a client never writes",
        )
        parser.add_argument(
            "--module",
            action="append",
            default=[],
            help="with --organisation: only statements about this module (a slug; repeat for more)",
        )

    def handle(self, *args, name, read_only=False, organisation=None, module=(), **options):
        if LRSClient.objects.filter(name=name).exists():
            raise CommandError(f"an LRS client named {name!r} exists already")
        if module and not organisation:
            raise CommandError("--module needs --organisation")
        try:
            with transaction.atomic():
                client, secret = create_lrs_client(name, can_write=not (read_only or organisation))
                if organisation:
                    scopes.bind(client, organisation=organisation, modules=list(module))
        except scopes.ScopeError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"username={client.key}")
        self.stdout.write(f"password={secret}")
