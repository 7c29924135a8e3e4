from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from organisations.importer import ImportFailed, import_organisations


class Command(BaseCommand):
    help = (
        "Import organisations from a CSV file (name,kind,parent,org_number,open_to_learners; "
        "see docs/organisations.md). Nothing is imported if any line has a problem."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"{file}: {exc.strerror}") from exc
        try:
            result = import_organisations(data)
        except ImportFailed as exc:
            for problem in exc.problems:
                self.stderr.write(problem)
            raise CommandError(f"{len(exc.problems)} problem(s); nothing was imported.") from exc
        self.stdout.write(
            f"created {len(result.created)}, updated {len(result.updated)}, "
            f"unchanged {len(result.unchanged)}"
        )
