from django.core.management.base import BaseCommand, CommandError

from lms.demo import DEMO_PASSWORD, demo_data_refusal, seed_demo
from lms.demo_learners import EMAIL, PEOPLE

GENERATED = f"{EMAIL.format(1)} … {EMAIL.format(PEOPLE)}"


class Command(BaseCommand):
    help = "Create the demo accounts of CONTRACT.md (idempotent) and print the logins."

    def handle(self, *args, **options):
        refusal = demo_data_refusal()
        if refusal:
            raise CommandError(refusal)
        accounts = seed_demo()
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for spec in accounts:
            self.stdout.write(f"  {spec['email']:<24} {spec['who']}")
        self.stdout.write(
            f"Generated learners for the course owner's reports (no login): {GENERATED}"
        )
