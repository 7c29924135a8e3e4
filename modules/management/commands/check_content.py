from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from modules.sources.loader import ContentTree, load_content
from modules.sources.plain import page_lix_table


class Command(BaseCommand):
    help = (
        "Check module sources; print file:line: message for every problem (warnings too); "
        "exit 1 on any problem that is not a warning."
    )
    failure = "{count} problem(s) found"

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="content folder or one module folder")
        parser.add_argument(
            "--lix", action="store_true", help="first print the LIX of every bokmål page file"
        )

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

    def print_lix(self, path) -> None:
        root = Path(path or settings.CONTENT_DIR)
        self.stdout.write("  LIX  file")
        for file, value in page_lix_table(root):
            self.stdout.write(f"{value:5.1f}  {file}")

    def handle(self, *args, path=None, lix=False, **options):
        if lix:
            self.print_lix(path)
        tree = self.load(path)
        pages = sum(len(m.variants) for m in tree.modules)
        self.stdout.write(
            f"OK: {len(tree.industries)} industries, {len(tree.modules)} module(s), "
            f"{pages} page files"
        )
