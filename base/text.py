"""Text people type: control characters and bidi overrides never reach the database.

NUL breaks PostgreSQL (a 500), the other C0/C1 controls forge log lines and break
e-mail headers, and the bidi embeddings and overrides (U+202A–U+202E, U+2066–U+2069) make
a name read differently from what it is ("Trojan Source"). Tabs and line breaks stay:
multi-line fields need them.
"""

import re

from django import forms

UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def has_unsafe_characters(value: str) -> bool:
    return bool(UNSAFE.search(value))


def strip_unsafe(value: str) -> str:
    return UNSAFE.sub("", value)


class TextField(forms.CharField):
    """A CharField that drops control characters and bidi overrides from what was typed.

    Every form field people type free text into is one of these
    (``tests/lms/test_unsafe_characters.py`` checks the source for plain CharFields)."""

    def to_python(self, value):
        if isinstance(value, str):
            value = strip_unsafe(value)
        return super().to_python(value)
