"""Sending the outbox, without loss.

Rows are claimed in a short transaction (a lease on ``send_after``, rows locked with
``SKIP LOCKED`` so two workers never take the same row), sent over SMTP outside any
transaction, and settled in another short one, as ``tracking/forwarding.py`` does for
statements. A worker killed between the SMTP server's "accepted" and the settle leaves
a row that is sent again when its lease runs out: at least once, never lost. The
second copy carries the same Message-ID, so mail clients show it once.
"""

import logging
import random
import smtplib
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from mail.models import Email

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=5)
BACKOFF_BASE = 30  # seconds
BACKOFF_MAX = 3600
BATCH = 50


@dataclass
class SendReport:
    sent: int = 0
    retry: int = 0
    parked: int = 0


def _claim(batch: int) -> tuple[uuid.UUID, list[Email]]:
    now = timezone.now()
    token = uuid.uuid4()
    with transaction.atomic():
        rows = list(
            Email.objects.select_for_update(skip_locked=True)
            .filter(status=Email.Status.PENDING)
            .filter(Q(send_after__isnull=True) | Q(send_after__lte=now))
            .order_by("pk")[:batch]
        )
        Email.objects.filter(pk__in=[r.pk for r in rows]).update(
            claim=token, send_after=now + LEASE
        )
    return token, rows


def _settle(row: Email, token, **changes) -> int:
    """Apply ``changes`` if this worker still holds the row."""
    return Email.objects.filter(pk=row.pk, claim=token).update(claim=None, **changes)


def settle_sent(row: Email, token) -> int:
    return _settle(row, token, status=Email.Status.SENT, sent_at=timezone.now(), last_error="")


def _retry_later(rows: list[Email], token, error: str) -> int:
    count = 0
    for row in rows:
        attempts = row.attempts + 1
        delay = min(BACKOFF_BASE * 2 ** (attempts - 1), BACKOFF_MAX) * random.uniform(0.5, 1.0)  # noqa: S311
        count += _settle(
            row,
            token,
            attempts=attempts,
            send_after=timezone.now() + timedelta(seconds=delay),
            last_error=error[:2000],
        )
    log.warning("e-mail: %s; %d e-mail(s) wait and are tried again", error, count)
    return count


def message(row: Email, connection=None) -> EmailMultiAlternatives:
    headers = {**row.headers, "Message-ID": row.message_id}
    msg = EmailMultiAlternatives(
        row.subject, row.text, None, [row.to], headers=headers, connection=connection
    )
    if row.html:
        msg.attach_alternative(row.html, "text/html")
    for item in row.attachments:
        msg.attach(item["filename"], item["content"], item["mimetype"])
    return msg


def send_pending(*, batch: int = BATCH, max_batches: int = 100) -> SendReport:
    """Send due e-mails in batches until none is due, the server fails, or ``max_batches``."""
    report = SendReport()
    for _ in range(max_batches):
        token, rows = _claim(batch)
        if not rows:
            break
        if not _send_batch(rows, token, report):
            break
    return report


def _send_batch(rows: list[Email], token, report: SendReport) -> bool:
    """False when the server is unwell: the rest waits for the next sweep."""
    try:
        connection = get_connection()
        connection.open()
    except (OSError, smtplib.SMTPException) as exc:
        report.retry += _retry_later(rows, token, f"connecting: {type(exc).__name__}")
        return False
    try:
        for i, row in enumerate(rows):
            try:
                message(row, connection).send()
            except smtplib.SMTPRecipientsRefused as exc:
                log.error("e-mail %s parked: recipient refused (%s)", row.pk, type(exc).__name__)
                report.parked += _settle(
                    row, token, status=Email.Status.PARKED, last_error="recipient refused"
                )
                continue
            except (OSError, smtplib.SMTPException) as exc:
                report.retry += _retry_later(rows[i:], token, f"sending: {type(exc).__name__}")
                return False
            report.sent += settle_sent(row, token)
    finally:
        try:
            connection.close()
        except (OSError, smtplib.SMTPException):
            pass
    return True
