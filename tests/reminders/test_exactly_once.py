"""Exactly once per (kind, subject, due date): two scans at once, and a worker killed
mid-scan. Runs on SQLite and, with DATABASE_URL, on PostgreSQL (SKIP LOCKED)."""

import pytest
from django.core import mail
from django.utils import timezone

from mail.models import Email
from mail.sender import send_pending
from reminders import engine
from reminders.models import RecipientDay, Reminder
from tests.concurrency import run_at_once
from tests.factories import UserFactory
from tests.reminders.helpers import due

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_scans_at_once_send_each_reminder_once_and_one_email_per_person(nudge):
    people = [UserFactory() for _ in range(12)]
    today = timezone.localdate()
    nudge.due = [due(f"thing:{i}:{n}", p, today) for i, p in enumerate(people) for n in (1, 2)]

    reports = run_at_once(engine.run, engine.run, engine.run)
    send_pending()

    assert Reminder.objects.count() == 24
    assert Reminder.objects.filter(status="sent").count() == 24
    assert sum(r.sent for r in reports) == 24
    assert sum(r.emails for r in reports) == 12
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    assert Email.objects.filter(status="sent").count() == 12


def test_a_worker_killed_before_its_commit_leaves_everything_for_the_next_run(nudge, monkeypatch):
    """The sender settles the rows, marks the day and queues the e-mail in one
    transaction: killed before it commits, none of it happened."""
    person = UserFactory()
    nudge.due = [due("thing:1", person, timezone.localdate())]

    def killed(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(engine, "record_statements", killed)
    with pytest.raises(KeyboardInterrupt):
        engine.run()
    monkeypatch.undo()
    assert Reminder.objects.get().status == "pending"
    assert not Email.objects.exists() and not RecipientDay.objects.exists()

    engine.run()
    engine.run()
    send_pending()
    assert [m.to for m in mail.outbox] == [[person.email]]
