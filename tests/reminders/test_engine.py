"""The engine with a test kind: exactly once, one e-mail a day, still-wanted checks."""

from datetime import timedelta

import time_machine
from django.core import mail
from django.utils import timezone

from reminders.engine import run, scan, send_due
from reminders.models import Reminder
from tests.factories import UserFactory
from tests.reminders.helpers import deliver, due


def test_a_scan_twice_makes_one_row_and_one_email(db, nudge):
    person = UserFactory()
    nudge.due = [due("thing:1", person, timezone.localdate())]
    scan()
    scan()
    assert Reminder.objects.count() == 1
    run()
    run()
    sent = deliver()
    assert len(sent) == 1
    assert sent[0].to == [person.email]
    assert "Nudge thing:1" in sent[0].subject
    assert Reminder.objects.get().status == Reminder.Status.SENT


def test_due_reminders_of_one_person_are_combined_and_one_a_day(db, nudge):
    person, other = UserFactory(), UserFactory()
    today = timezone.localdate()
    nudge.due = [due("thing:1", person, today), due("thing:2", person, today)]
    nudge.due.append(due("thing:3", other, today))
    run()
    sent = deliver()
    assert sorted(m.to[0] for m in sent) == sorted([person.email, other.email])
    mine = next(m for m in sent if m.to == [person.email])
    assert "thing:1" in mine.body and "thing:2" in mine.body

    # Something new the same day waits until tomorrow.
    nudge.due = [due("thing:4", person, today)]
    run()
    assert len(deliver()) == 2
    with time_machine.travel(timezone.now() + timedelta(days=1)):
        run()
        assert len(deliver()) == 3
    assert mail.outbox[-1].to == [person.email]
    assert "thing:4" in mail.outbox[-1].subject


def test_nothing_is_sent_for_what_is_no_longer_wanted(db, nudge):
    person = UserFactory()
    nudge.due = [due("thing:1", person, timezone.localdate())]
    scan()
    nudge.unwanted.add("thing:1")
    send_due()
    assert deliver() == []
    assert Reminder.objects.get().status == Reminder.Status.SKIPPED


def test_a_deleted_account_takes_its_pending_reminders_along(db, nudge):
    person = UserFactory()
    nudge.due = [due("thing:1", person, timezone.localdate())]
    scan()
    person.delete()
    assert not Reminder.objects.exists()
    send_due()
    assert deliver() == []


def test_an_address_is_not_kept_on_a_reminder_once_it_is_settled(db, nudge):
    nudge.due = [due("thing:1", None, timezone.localdate(), email="ny@example.test")]
    run()
    assert deliver()[0].to == ["ny@example.test"]
    assert Reminder.objects.get().email == ""


def test_the_command_runs_the_scan_once_and_sends_and_again_sends_nothing(db, nudge):
    from io import StringIO

    from django.core.management import call_command

    person = UserFactory()
    nudge.due = [due("thing:1", person, timezone.localdate())]
    out = StringIO()
    call_command("send_reminders", stdout=out)
    assert "1 due, 1 sent in 1 e-mail(s)" in out.getvalue()
    assert "outbox: 1 sent" in out.getvalue()
    call_command("send_reminders", stdout=out)
    assert "0 sent in 0 e-mail(s)" in out.getvalue().splitlines()[-1]
    assert [m.to for m in mail.outbox] == [[person.email]]


def test_beat_runs_the_scan_hourly_and_the_outbox_every_minute(settings):
    schedule = {e["task"]: e["schedule"] for e in settings.CELERY_BEAT_SCHEDULE.values()}
    assert schedule["reminders.tasks.send_reminders_task"] == 3600.0
    assert schedule["mail.tasks.send_mail_task"] == 60.0
