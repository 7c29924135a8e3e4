"""The registry of reminder kinds. Each app registers its kinds in its ``AppConfig.ready()``.

A kind is a small object:

- ``name``: a short stable identifier (stored in rows, opt-outs and unsubscribe links);
- ``label``: what the settings page calls it (translatable);
- ``find_due(now)``: yields ``Due`` items for what is due at ``now``, read through an
  index, so its cost grows with what is due, not with the size of the tables;
- ``still_wanted(reminder)``: checked right before sending (False for anything
  completed, withdrawn, retired or deleted meanwhile);
- ``part(reminder)``: its part of the e-mail (a ``Part``), called in the recipient's
  language.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol


@dataclass
class Due:
    """Something due: one recipient (an account, or an address without one)."""

    subject_key: str
    due_on: date
    user: object | None = None
    email: str = ""
    language: str = ""
    detail: dict = field(default_factory=dict)


@dataclass
class Part:
    """A kind's part of a reminder e-mail."""

    subject: str
    text: str
    action: str  # the link's label
    path: str  # where the link leads on this site ("/teams/…/check-ins/1/")
    ics: str = ""  # an iCalendar event, attached as a file


class Kind(Protocol):
    name: str
    label: str

    def find_due(self, now) -> Iterable[Due]: ...

    def still_wanted(self, reminder) -> bool: ...

    def part(self, reminder) -> Part: ...


_kinds: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    """Add ``kind`` (registering the same name again replaces it)."""
    _kinds[kind.name] = kind
    return kind


def get(name: str) -> Kind | None:
    return _kinds.get(name)


def registered() -> list[Kind]:
    return list(_kinds.values())
