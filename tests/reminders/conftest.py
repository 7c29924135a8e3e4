from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from mail.sender import send_pending
from reminders import kinds
from reminders.kinds import Due, Part


class Nudge:
    """A kind for the engine's tests: what is due is whatever the test puts in ``due``."""

    name = "test_nudge"
    label = "Test nudges"

    def __init__(self):
        self.due: list[Due] = []
        self.unwanted: set[str] = set()

    def find_due(self, now):
        return list(self.due)

    def still_wanted(self, reminder) -> bool:
        return reminder.subject_key not in self.unwanted

    def part(self, reminder) -> Part:
        return Part(
            subject=f"Nudge {reminder.subject_key}",
            text="Something is waiting.",
            action="Open it",
            path=reverse("home"),
        )


@pytest.fixture
def nudge():
    kind = kinds.register(Nudge())
    yield kind
    kinds._kinds.pop(kind.name, None)


def due(key: str, user, day: date, **extra) -> Due:
    return Due(key, day, user=user, **extra)


def deliver() -> list:
    """Send the outbox now (what the worker does) and return what went out."""
    send_pending()
    return list(mail.outbox)
