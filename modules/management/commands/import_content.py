from django.core.management.base import BaseCommand, CommandError

from modules.actions import import_content
from modules.sources.loader import load_content


class Command(BaseCommand):
    help = "Check module sources, then import them atomically (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="content folder or one module folder")

    def handle(self, *args, path=None, **options):
        tree, problems = load_content(path)
        if problems:
            for problem in problems.sorted():
                self.stdout.write(str(problem))
            raise CommandError(
                f"{len(problems.items)} problem(s) found; nothing imported", returncode=1
            )
        result = import_content(tree)
        for slug in result.created:
            self.stdout.write(f"new version: {slug}")
        for slug in result.unchanged:
            self.stdout.write(f"unchanged: {slug}")
        self.stdout.write(f"imported {len(tree.industries)} industries")
