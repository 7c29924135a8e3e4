"""Writes for the outbox: queue an e-mail in the caller's transaction, cancel one.

Subjects and header values are made single-line here, where the row is made, so no
header can be injected and no e-mail fails at sending time for a line break in, say, a
workplace's name. Header names are checked against a fixed pattern.
"""

import logging
import re
import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction

from base.wake import wake
from mail.models import Email

log = logging.getLogger(__name__)

HEADER_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9-]{0,60}$")
# Headers the outbox sets itself; a caller cannot replace them.
RESERVED = {"to", "from", "subject", "cc", "bcc", "message-id", "date", "content-type"}
_LINE_BREAKS = re.compile(r"[\r\n\u0085\u2028\u2029\x0b\x0c]+")


def one_line(value: str, limit: int = 998) -> str:
    """The value on one line: every line break becomes a space."""
    return " ".join(_LINE_BREAKS.sub(" ", str(value)).split())[:limit]


def _clean_headers(headers: dict | None) -> dict[str, str]:
    clean = {}
    for name, value in (headers or {}).items():
        if not HEADER_NAME.match(name) or name.lower() in RESERVED:
            raise ValueError(f"not an allowed header name: {name!r}")
        clean[name] = one_line(value)
    return clean


def _message_id() -> str:
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"<{uuid.uuid4().hex}@{host}>"


def queue_email(
    to: str,
    subject: str,
    text: str,
    *,
    html: str = "",
    headers: dict | None = None,
    attachments: list[dict] | None = None,
    dedupe_key: str = "",
    tag: str = "",
) -> Email | None:
    """Queue one e-mail in the caller's transaction; the worker sends it after commit.

    With a ``dedupe_key`` that was queued before, nothing is queued and None is returned.
    A recipient address that is not one address raises ``ValidationError``.
    """
    to = to.strip()
    validate_email(to)
    if one_line(to) != to:
        raise ValidationError("one address")
    row = Email(
        to=to,
        subject=one_line(subject, 300),
        text=text,
        html=html,
        headers=_clean_headers(headers),
        attachments=[
            {
                "filename": one_line(a["filename"], 100),
                "content": a["content"],
                "mimetype": one_line(a.get("mimetype", "application/octet-stream"), 100),
            }
            for a in attachments or []
        ],
        dedupe_key=dedupe_key,
        tag=tag,
        message_id=_message_id(),
    )
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        if dedupe_key and Email.objects.filter(dedupe_key=dedupe_key).exists():
            return None
        raise
    transaction.on_commit(_wake_sender, robust=True)
    return row


def cancel_pending(tags: list[str]) -> int:
    """Cancel the e-mails about ``tags`` that are not sent yet (e.g. a withdrawn
    invitation's). Returns how many were cancelled."""
    if not tags:
        return 0
    return Email.objects.filter(tag__in=tags, status=Email.Status.PENDING).update(
        status=Email.Status.CANCELLED, claim=None
    )


KEEP_SENT_DAYS = 30


def purge_sent(days: int = KEEP_SENT_DAYS) -> int:
    """Delete e-mails sent, cancelled or parked more than ``days`` ago: their addresses
    and personal links are not kept longer than needed to answer "did it go out?"."""
    from datetime import timedelta

    from django.utils import timezone

    cutoff = timezone.now() - timedelta(days=days)
    done = Email.objects.exclude(status=Email.Status.PENDING).filter(created_at__lt=cutoff)
    return done.delete()[0]


def _wake_sender() -> None:
    """Ask a worker to send now. With the broker down the e-mail waits, pending, for the
    sweep every minute: the request that queued it neither fails nor waits
    (``base.wake``)."""
    from mail.tasks import send_mail_task

    wake(send_mail_task)
