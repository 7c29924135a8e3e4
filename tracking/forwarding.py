"""Forwarding pending statements to an external LRS, without loss and without duplicates.

Rows are claimed in a short transaction (a lease on ``forward_after``), sent over HTTP
outside any transaction, and settled in another short one, so no database lock is
held while the LRS answers. A worker killed mid-batch leaves rows that another takes
when the lease runs out; statement ids make a second delivery harmless.
"""

import logging
import random
import uuid
from dataclasses import dataclass, field
from datetime import timedelta

import httpx
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from tracking.compare import same_statement
from tracking.models import ForwardStatus, Statement

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=5)
BACKOFF_BASE = 5  # seconds
BACKOFF_MAX = 3600
PARK_STATUSES = {401, 403, 413}
XAPI_VERSION = "1.0.3"


@dataclass
class ForwardReport:
    delivered: int = 0
    parked: int = 0
    retry: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: "ForwardReport") -> None:
        self.delivered += other.delivered
        self.parked += other.parked
        self.retry += other.retry
        self.errors += other.errors


def _claim(batch: int) -> tuple[uuid.UUID, list[Statement]]:
    now = timezone.now()
    token = uuid.uuid4()
    with transaction.atomic():
        rows = list(
            Statement.objects.select_for_update(skip_locked=True)
            .filter(forward_status=ForwardStatus.PENDING)
            .filter(Q(forward_after__isnull=True) | Q(forward_after__lte=now))
            .order_by("seq")[:batch]
        )
        Statement.objects.filter(pk__in=[r.pk for r in rows]).update(
            forward_claim=token, forward_after=now + LEASE
        )
    return token, rows


def _settle(rows: list[Statement], token: uuid.UUID, **changes) -> int:
    """Apply ``changes`` to rows this worker still holds (a lease that ran out and was
    taken by another worker is left to that one)."""
    return Statement.objects.filter(pk__in=[r.pk for r in rows], forward_claim=token).update(
        forward_claim=None, **changes
    )


def _delivered(rows, token) -> int:
    return _settle(
        rows, token, forward_status=ForwardStatus.DELIVERED, forward_error="", forward_after=None
    )


def _parked(rows, token, error: str) -> int:
    log.error("xAPI forwarding: parked %d statement(s): %s", len(rows), error)
    return _settle(
        rows,
        token,
        forward_status=ForwardStatus.PARKED,
        forward_error=error[:2000],
        forward_after=None,
    )


def _retry_later(rows, token, error: str) -> int:
    attempts = max(r.forward_attempts for r in rows) + 1
    delay = min(BACKOFF_BASE * 2 ** (attempts - 1), BACKOFF_MAX) * random.uniform(0.5, 1.0)  # noqa: S311
    log.warning("xAPI forwarding: %s; retrying %d statement(s) in %.0f s", error, len(rows), delay)
    return _settle(
        rows,
        token,
        forward_attempts=attempts,
        forward_after=timezone.now() + timedelta(seconds=delay),
        forward_error=error[:2000],
    )


def http_client() -> httpx.Client:
    """The HTTP boundary: timeouts on every call, one pooled connection, Basic auth."""
    return httpx.Client(
        timeout=settings.XAPI_FORWARD_TIMEOUT,
        auth=(settings.XAPI_LRS_USERNAME, settings.XAPI_LRS_PASSWORD),
        headers={"X-Experience-API-Version": XAPI_VERSION},
    )


class LRS:
    """The external LRS."""

    def __init__(self, client: httpx.Client | None = None):
        self.endpoint = settings.XAPI_LRS_ENDPOINT.rstrip("/")
        self.client = client or http_client()

    def post(self, statements: list[dict]) -> httpx.Response:
        return self.client.post(f"{self.endpoint}/statements", json=statements)

    def get(self, statement_id: str) -> dict | None:
        response = self.client.get(
            f"{self.endpoint}/statements", params={"statementId": statement_id}
        )
        if response.status_code == 404:
            return None
        response.raise_for_status()
        body = response.json()
        if isinstance(body, dict) and "statements" in body:  # Ralph wraps single statements
            found = body["statements"]
            return found[0] if found else None
        return body


def _send(lrs: LRS, rows: list[Statement], token) -> ForwardReport:
    report = ForwardReport()
    try:
        response = lrs.post([r.data for r in rows])
    except httpx.HTTPError as exc:
        report.retry += _retry_later(rows, token, f"network: {exc.__class__.__name__}: {exc}")
        return report
    status = response.status_code
    if status in (200, 204):
        report.delivered += _delivered(rows, token)
    elif status == 409:
        report.add(_resolve_conflict(lrs, rows, token))
    elif status == 400:
        if len(rows) == 1:
            report.parked += _parked(rows, token, f"400 from LRS: {response.text[:500]}")
        else:  # find the bad statement: send each half on its own
            middle = len(rows) // 2
            report.add(_send(lrs, rows[:middle], token))
            report.add(_send(lrs, rows[middle:], token))
    elif status in PARK_STATUSES:
        report.parked += _parked(rows, token, f"{status} from LRS: {response.text[:500]}")
    else:  # 5xx, 429 and anything unexpected: try again later
        report.retry += _retry_later(rows, token, f"{status} from LRS")
    return report


def _resolve_conflict(lrs: LRS, rows: list[Statement], token) -> ForwardReport:
    """409: some ids exist there. Equal statements count as delivered; new ones are sent
    again on their own; a different statement under our id is parked."""
    report = ForwardReport()
    try:
        for row in rows:
            theirs = lrs.get(str(row.statement_id))
            if theirs is None:
                report.add(_send(lrs, [row], token))
            elif same_statement(theirs, row.data):
                report.delivered += _delivered([row], token)
            else:
                report.parked += _parked(
                    [row], token, "409: the LRS holds another statement with this id"
                )
    except httpx.HTTPError as exc:
        report.retry += _retry_later(rows, token, f"during 409 check: {exc}")
    return report


def forward_pending(
    lrs: LRS | None = None, *, batch: int | None = None, max_batches: int = 1000
) -> ForwardReport:
    """Send pending statements in batches until none is due (or ``max_batches``)."""
    report = ForwardReport()
    if not settings.XAPI_LRS_ENDPOINT:
        return report
    lrs = lrs or LRS()
    try:
        return _forward_batches(lrs, report, batch, max_batches)
    finally:
        lrs.client.close()


def _forward_batches(lrs: LRS, report: ForwardReport, batch, max_batches) -> ForwardReport:
    for _ in range(max_batches):
        token, rows = _claim(batch or settings.XAPI_FORWARD_BATCH)
        if not rows:
            break
        result = _send(lrs, rows, token)
        report.add(result)
        if result.retry:  # the LRS is unwell: stop hammering it; the sweep comes back
            break
    return report
