from datetime import date

from django.core import mail
from django.urls import reverse

from mail.sender import send_pending
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


def due(key: str, user, day: date, **extra) -> Due:
    return Due(key, day, user=user, **extra)


def deliver() -> list:
    """Send the outbox now (what the worker does) and return what went out."""
    send_pending()
    return list(mail.outbox)


def run_at(moment) -> list:
    """The hourly job at ``moment``, then the outbox; returns the reminder e-mails sent
    (not, say, an invitation's own e-mail that was waiting in the outbox)."""
    import time_machine

    from reminders.engine import run

    before = len(mail.outbox)
    with time_machine.travel(moment, tick=False):
        run()
        send_pending()
    return [m for m in mail.outbox[before:] if "List-Unsubscribe" in m.extra_headers]


def links(message) -> list[str]:
    """The reminder links (/reminders/r/…) in an e-mail's plain text, as paths."""
    import re

    return re.findall(r"https?://[^/\s]+(/reminders/r/[^/\s]+/)", message.body)
