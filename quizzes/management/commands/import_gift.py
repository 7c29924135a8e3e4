from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from quizzes.gift import parse_gift, to_yaml


class Command(BaseCommand):
    help = (
        "Convert a Moodle GIFT file into question YAML for a module's questions/ folder "
        "(format: modules/content/README.md). GIFT has one language: its text is written "
        "as the language given by --lang (default nb); add the module's other languages "
        "by hand before check_content. Unsupported GIFT features are reported as "
        "FILE:LINE: message and nothing is written (exit 1)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the GIFT file (UTF-8)")
        parser.add_argument("--out", help="write the YAML here (default: standard output)")
        parser.add_argument(
            "--lang", default="nb", choices=["nb", "en"], help="the language of the GIFT text"
        )

    def handle(self, *args, file, out=None, lang="nb", **options):
        path = Path(file)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError as exc:
            raise CommandError(f"{file}:1: no such file", returncode=1) from exc
        except UnicodeDecodeError as exc:
            raise CommandError(f"{file}:1: the file is not UTF-8 text", returncode=1) from exc
        result = parse_gift(text, lang, path.stem)
        for line, note in result.notes:
            self.stderr.write(f"{file}:{line}: note: {note}")
        if result.problems:
            for line, message in result.problems:
                self.stderr.write(f"{file}:{line}: {message}")
            raise CommandError(
                f"{len(result.problems)} problem(s) found; nothing written", returncode=1
            )
        if not result.questions:
            raise CommandError(f"{file}:1: no questions found; nothing written", returncode=1)
        output = to_yaml(result, file, lang)
        if out:
            Path(out).write_text(output, encoding="utf-8")
            self.stderr.write(f"{len(result.questions)} question(s) written to {out}")
        else:
            self.stdout.write(output, ending="")
