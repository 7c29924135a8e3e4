"""The embedded LRS's reads: statements as it serves them, one by id, a filtered page, and
attachment bodies."""

import uuid

from django.core.exceptions import ValidationError
from django.db.models import Max, Q

from tracking.identity import client_authority, lms_authority
from tracking.models import Attachment, Statement
from tracking.statements import xapi_timestamp


def as_served(row: Statement) -> dict:
    """The statement with what the LRS sets: ``stored``, ``authority``, ``version``."""
    data = dict(row.data)
    data["stored"] = xapi_timestamp(row.stored)
    data.setdefault("authority", client_authority(row.client) if row.client_id else lms_authority())
    data.setdefault("version", "1.0.0")
    return data


def single_statement(statement_id: str, *, voided: bool, within=None) -> Statement | None:
    """GET by statementId (not voided) or voidedStatementId (voided only); ``within``: a
    filter the statement must pass (a scoped client's)."""
    try:
        rows = Statement.objects.select_related("client").filter(
            statement_id=statement_id, voided=voided
        )
        if within is not None:
            rows = rows.filter(within)
        return rows.first()
    except (ValueError, ValidationError):
        return None


def statement_page(q, within=None) -> tuple[list[Statement], str]:
    """One page of a statement query and the token of the next page ('' if none).
    ``within``: a filter every statement must pass (a scoped client's; the client's, not
    the "more" link's, so a link can't widen it).

    Pages stay consistent while statements are added: the first page fixes the last
    statement any page may show (through_seq).
    """
    from tracking.lrs.query import more_token, since_until

    match = Q()
    if q.agent:
        match &= (
            Q(related_agents__contains=f"\n{q.agent}\n") if q.related_agents else Q(agent=q.agent)
        )
    if q.verb:
        match &= Q(verb=q.verb)
    if q.activity:
        match &= (
            Q(related_activities__contains=f"\n{q.activity}\n")
            if q.related_activities
            else Q(activity=q.activity)
        )
    if q.registration:
        try:
            uuid.UUID(q.registration)
        except ValueError:
            return [], ""
        match &= Q(registration=q.registration)
    rows = Statement.objects.select_related("client").filter(voided=False)
    if within is not None:
        rows = rows.filter(within)
    if match:
        # Statements that point at a match through a StatementRef are results too (voiding
        # statements included, whose target is voided and itself not shown).
        matched = Statement.objects.filter(match).values("statement_id")
        rows = rows.filter(match | Q(object_ref__in=matched))
    since, until = since_until(q)
    if since:
        rows = rows.filter(stored__gt=since)
    if until:
        rows = rows.filter(stored__lte=until)
    through = q.through_seq
    if through is None:
        through = Statement.objects.aggregate(m=Max("seq"))["m"] or 0
    rows = rows.filter(seq__lte=through)
    if q.after_seq is not None:
        rows = rows.filter(seq__gt=q.after_seq) if q.ascending else rows.filter(seq__lt=q.after_seq)
    rows = list(rows.order_by("seq" if q.ascending else "-seq")[: q.limit + 1])
    more = ""
    if len(rows) > q.limit:
        rows = rows[: q.limit]
        more = more_token(q, rows[-1].seq, through)
    return rows, more


def attachments_of(statements: list[dict]) -> list[Attachment]:
    """The attachment bodies the LRS holds for these statements (and their SubStatements),
    each once, in the order the statements name them. Attachments given only by
    ``fileUrl`` have none."""
    wanted: dict[str, None] = {}  # ordered, each once
    for statement in statements:
        obj = statement.get("object") or {}
        nested = (obj.get("attachments") or []) if obj.get("objectType") == "SubStatement" else []
        for attachment in [*(statement.get("attachments") or []), *nested]:
            if attachment.get("sha2"):
                wanted[str(attachment["sha2"]).lower()] = None
    if not wanted:
        return []
    held = {a.sha2: a for a in Attachment.objects.filter(sha2__in=wanted)}
    return [held[sha2] for sha2 in wanted if sha2 in held]
