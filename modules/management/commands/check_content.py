from django.core.management.base import BaseCommand, CommandError

from modules.sources.loader import ContentTree, load_content


class Command(BaseCommand):
    help = "Check module sources; print file:line: message for every problem; exit 1 on any."
    failure = "{count} problem(s) found"

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="content folder or one module folder")

    def load(self, path) -> ContentTree:
        """Load and check ``path``; print every problem and fail if there is one."""
        tree, problems = load_content(path)
        for warning in problems.sorted_warnings():
            self.stdout.write(str(warning))
        if problems:
            for problem in problems.sorted():
                self.stdout.write(str(problem))
            raise CommandError(self.failure.format(count=len(problems.items)), returncode=1)
        return tree

    def handle(self, *args, path=None, **options):
        tree = self.load(path)
        pages = sum(len(m.variants) for m in tree.modules)
        self.stdout.write(
            f"OK: {len(tree.industries)} industries, {len(tree.modules)} module(s), "
            f"{pages} page files"
        )
