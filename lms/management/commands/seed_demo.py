from django.core.management.base import BaseCommand

from lms.demo import DEMO_PASSWORD, seed_demo


class Command(BaseCommand):
    help = "Create the demo accounts of CONTRACT.md (idempotent) and print the logins."

    def handle(self, *args, **options):
        accounts = seed_demo()
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for spec in accounts:
            self.stdout.write(f"  {spec['email']:<24} {spec['who']}")
