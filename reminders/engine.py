"""The reminder engine: the scan makes due rows, the sender turns each recipient's due
rows into one e-mail a day.

Exactly once per (kind, subject, due date): the scan inserts with the unique constraint
deciding (two scans at once, or a scan after a crash, add nothing), and the sender
settles the rows, writes the one-a-day mark and queues the e-mail in the outbox in one
transaction, with the rows locked (``SKIP LOCKED``): a worker killed before that commit
leaves everything pending for the next run, one killed after it has done all of it.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from itertools import groupby

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from reminders import kinds
from reminders.compose import compose
from reminders.models import RecipientDay, Reminder
from reminders.optout import opted_out_kinds, recipient_key
from tracking import statements
from tracking.actions import record_statements

log = logging.getLogger(__name__)

RECIPIENTS_PER_BATCH = 100


@dataclass
class RunReport:
    due: int = 0
    emails: int = 0
    sent: int = 0
    skipped: int = 0
    deferred: int = 0


def _row(kind_name: str, due: kinds.Due) -> Reminder | None:
    if due.user is None and not due.email:
        return None
    return Reminder(
        kind=kind_name,
        subject_key=due.subject_key,
        due_on=due.due_on,
        user=due.user,
        email="" if due.user is not None else due.email,
        recipient=recipient_key(due.user, due.email),
        language=due.language or getattr(due.user, "language", "") or "",
        detail=due.detail,
    )


def scan(now: datetime | None = None) -> int:
    """Create a row for every reminder due at ``now`` (existing ones are left alone).
    Returns how many due reminders the kinds found."""
    now = now or timezone.now()
    found = 0
    for kind in kinds.registered():
        rows = [r for r in (_row(kind.name, due) for due in kind.find_due(now)) if r]
        found += len(rows)
        for start in range(0, len(rows), 500):
            Reminder.objects.bulk_create(rows[start : start + 500], ignore_conflicts=True)
    return found


def _due_rows(now, today):
    return Reminder.objects.filter(status=Reminder.Status.PENDING, due_on__lte=today).filter(
        Q(send_after__isnull=True) | Q(send_after__lte=now)
    )


def send_due(now: datetime | None = None, report: RunReport | None = None) -> RunReport:
    """Send the due reminders, one e-mail per recipient, at most one a day."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    report = report or RunReport()
    while True:
        with transaction.atomic():
            recipients = list(
                _due_rows(now, today)
                .order_by("recipient")
                .values_list("recipient", flat=True)
                .distinct()[:RECIPIENTS_PER_BATCH]
            )
            rows = list(
                _due_rows(now, today)
                .filter(recipient__in=recipients)
                .select_for_update(skip_locked=True)
                .order_by("recipient", "pk")
            )
            if not rows:
                return report
            users = get_user_model().objects.in_bulk({r.user_id for r in rows if r.user_id})
            for recipient, group in groupby(rows, key=lambda r: r.recipient):
                _send_one(recipient, list(group), users, now, today, report)


def _skip(rows: list[Reminder], reason: str, report: RunReport) -> None:
    if rows:
        Reminder.objects.filter(pk__in=[r.pk for r in rows]).update(
            status=Reminder.Status.SKIPPED, skip_reason=reason, email=""
        )
        report.skipped += len(rows)


def _wanted(rows, user, report) -> list[tuple[Reminder, object]]:
    if user is not None and not user.is_active:
        _skip(rows, "inactive", report)
        return []
    out = opted_out_kinds(user=user, email=rows[0].email)
    wanted, unknown, opted, gone = [], [], [], []
    for row in rows:
        row.user = user
        kind = kinds.get(row.kind)
        if kind is None:
            unknown.append(row)
        elif row.kind in out:
            opted.append(row)
        elif not kind.still_wanted(row):
            gone.append(row)
        else:
            wanted.append((row, kind))
    _skip(unknown, "unknown_kind", report)
    _skip(opted, "opted_out", report)
    _skip(gone, "not_wanted", report)
    return wanted


def _tomorrow(now) -> datetime:
    day = timezone.localdate(now) + timedelta(days=1)
    return timezone.make_aware(datetime.combine(day, time.min))


def _send_one(recipient, rows, users, now, today, report: RunReport) -> None:
    user = users.get(rows[0].user_id) if rows[0].user_id else None
    wanted = _wanted(rows, user, report)
    if not wanted:
        return
    try:
        with transaction.atomic():
            RecipientDay.objects.create(recipient=recipient, day=today)
    except IntegrityError:  # this person had their reminder e-mail today: tomorrow
        Reminder.objects.filter(pk__in=[r.pk for r, _k in wanted]).update(send_after=_tomorrow(now))
        report.deferred += len(wanted)
        return
    email = compose(wanted, user=user, dedupe_key=f"reminders:{recipient}:{today.isoformat()}")
    if email is None:
        _skip([r for r, _k in wanted], "no_address", report)
        return
    Reminder.objects.filter(pk__in=[r.pk for r, _k in wanted]).update(
        status=Reminder.Status.SENT,
        sent_at=now,
        email_row=email,
        email="",  # kept no longer
    )
    if user is not None:
        record_statements(
            [statements.reminder_sent(user, row.kind, row.due_on, now) for row, _k in wanted]
        )
    report.emails += 1
    report.sent += len(wanted)


def run(now: datetime | None = None) -> RunReport:
    """The hourly job: scan, then send. Running it again changes nothing."""
    report = RunReport()
    report.due = scan(now)
    send_due(now, report)
    log.info(
        "reminders: %d due, %d sent in %d e-mail(s), %d skipped, %d deferred",
        report.due,
        report.sent,
        report.emails,
        report.skipped,
        report.deferred,
    )
    return report
