"""Control characters and bidi overrides: stripped from every text field people type,
refused in every URL."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

from base.text import TextField, strip_unsafe

APPS = ("accounts", "base", "lms", "modules", "quizzes", "reminders", "teams", "tracking", "mail")


def test_no_form_uses_a_plain_charfield():
    """A new free-text field must be a ``base.text.TextField``: this reads every form
    module's source, so a plain ``forms.CharField`` cannot slip in."""
    offenders = []
    for app in APPS:
        for path in (Path(settings.BASE_DIR) / app).rglob("*.py"):
            if "migrations" in path.parts or path.name == "text.py":
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                if (
                    isinstance(node, ast.Attribute)
                    and node.attr in ("CharField", "SlugField", "RegexField")
                    and isinstance(node.value, ast.Name)
                    and node.value.id == "forms"
                ):
                    offenders.append(f"{path.relative_to(settings.BASE_DIR)}:{node.lineno}")
    assert offenders == [], offenders


@pytest.mark.parametrize(
    "typed,kept",
    [
        ("A\x00B", "AB"),
        ("\u202aA\u202b\u202c\u202d\u202eB", "AB"),
        ("\u2066A\u2067\u2068\u2069B", "AB"),
        ("A\x1b[31mB\x7f\x85", "A[31mB"),
        ("line one\r\nline two\tend", "line one\r\nline two\tend"),
        ("Ærlig, østlig, Łódź", "Ærlig, østlig, Łódź"),
    ],
)
def test_what_is_stripped_and_what_stays(typed, kept):
    assert strip_unsafe(typed) == kept
    assert TextField(required=False).clean(typed) == kept.strip()
