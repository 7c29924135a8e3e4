from django.core.management.base import BaseCommand, CommandError

from modules.sources.loader import load_content


class Command(BaseCommand):
    help = "Check module sources; print file:line: message for every problem; exit 1 on any."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="content folder or one module folder")

    def handle(self, *args, path=None, **options):
        tree, problems = load_content(path)
        if problems:
            for problem in problems.sorted():
                self.stdout.write(str(problem))
            raise CommandError(f"{len(problems.items)} problem(s) found", returncode=1)
        pages = sum(len(m.variants) for m in tree.modules)
        self.stdout.write(
            f"OK: {len(tree.industries)} industries, {len(tree.modules)} module(s), "
            f"{pages} page files"
        )
