from modules.actions import import_content
from modules.management.commands import check_content


class Command(check_content.Command):
    help = "Check module sources, then import them atomically (all or nothing)."
    failure = "{count} problem(s) found; nothing imported"

    def handle(self, *args, path=None, **options):
        result = import_content(self.load(path))
        for slug in result.created:
            self.stdout.write(f"new version: {slug}")
        for slug in result.unchanged:
            self.stdout.write(f"unchanged: {slug}")
