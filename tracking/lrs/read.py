"""The embedded LRS's reads: statements as it serves them, one by id, a filtered page, and
attachment bodies."""

import uuid
from dataclasses import replace

from django.core.exceptions import ValidationError
from django.db.models import Exists, Max, OuterRef, Q

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


def _match(q) -> Q | None:
    """What the query's filters ask of a statement itself; None when a filter can match
    nothing (a registration that is no UUID)."""
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
            return None
        match &= Q(registration=q.registration)
    return match


def _window(q, within=None):
    """The statements a page may show, whatever they match, as filters of a queryset.
    ``within``: a filter every statement must pass (a scoped client's; the client's, not
    the "more" link's, so a link can't widen it)."""
    from tracking.lrs.query import since_until

    rows = Statement.objects.select_related("client").filter(voided=False)
    if within is not None:
        rows = rows.filter(within)
    since, until = since_until(q)
    if since:
        rows = rows.filter(stored__gt=since)
    if until:
        rows = rows.filter(stored__lte=until)
    rows = rows.filter(seq__lte=q.through_seq)
    if q.after_seq is not None:
        rows = rows.filter(seq__gt=q.after_seq) if q.ascending else rows.filter(seq__lt=q.after_seq)
    return rows


def page_querysets(q, within=None) -> list:
    """The queries behind one page (``through_seq`` set): the statements that match, at
    most ``limit`` + 1 in page order; for a filtered query, then the seqs of the
    StatementRefs whose target matches (read by ``statement_page``).

    Both stay small however large the store. The matches are a range of an index on
    (column, seq). The StatementRefs are found from the partial index of the few rows
    with an ``object_ref``, each checked by its target's statement_id, with no order or
    seq range in that query: given either, SQLite reads the table from its newest row
    instead, and asked as ``match OR object_ref IN (…)`` both databases did (the whole
    store for a rare match).
    """
    match = _match(q)
    if match is None:
        return []
    order = "seq" if q.ascending else "-seq"
    rows = _window(q, within)
    if not match:
        return [rows.order_by(order)[: q.limit + 1]]
    target_matches = Exists(Statement.objects.filter(match, statement_id=OuterRef("object_ref")))
    referring = (
        Statement.objects.filter(target_matches, object_ref__isnull=False)
        .order_by()
        .values_list("seq", flat=True)
    )
    return [rows.filter(match).order_by(order)[: q.limit + 1], referring]


def _referring(q, seqs, within=None) -> list[Statement]:
    """The StatementRefs of a page, from the seqs of all whose target matches."""
    low, high = q.after_seq if q.ascending else None, q.through_seq
    if not q.ascending and q.after_seq is not None:
        high = min(high, q.after_seq - 1)
    wanted = sorted(
        (s for s in seqs if s <= high and (low is None or s > low)), reverse=not q.ascending
    )
    found: list[Statement] = []
    for start in range(0, len(wanted), 500):
        more = q.limit + 1 - len(found)
        chunk = wanted[start : start + 500]
        found += (
            _window(q, within)
            .filter(seq__in=chunk)
            .order_by("seq" if q.ascending else "-seq")[:more]
        )
        if len(found) > q.limit:
            break
    return found


def statement_page(q, within=None) -> tuple[list[Statement], str]:
    """One page of a statement query and the token of the next page ('' if none).
    ``within``: the scoped client's filter (see ``_window``).

    Pages stay consistent while statements are added: the first page fixes the last
    statement any page may show (through_seq).
    """
    from tracking.lrs.query import more_token

    if q.through_seq is None:
        q = replace(q, through_seq=Statement.objects.aggregate(m=Max("seq"))["m"] or 0)
    querysets = page_querysets(q, within)
    found = {row.seq: row for row in (querysets[0] if querysets else [])}
    if len(querysets) > 1:
        found.update((row.seq, row) for row in _referring(q, list(querysets[1]), within))
    rows = [found[seq] for seq in sorted(found, reverse=not q.ascending)][: q.limit + 1]
    more = ""
    if len(rows) > q.limit:
        rows = rows[: q.limit]
        more = more_token(q, rows[-1].seq, q.through_seq)
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
