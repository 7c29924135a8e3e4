"""The embedded LRS's store: statements as rows (one multi-row INSERT per batch, see
docs/decisions/0007), voiding, and attachment bodies. The recording actions of every app
and the LRS's own endpoint both store through here."""

import uuid
from datetime import datetime
from typing import NamedTuple

from django.conf import settings
from django.db import connections, router, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from base.db import write_queue
from base.wake import wake
from tracking.compare import same_statement
from tracking.identity import agent_key, client_authority, lms_authority
from tracking.models import Attachment, LRSClient, Statement
from tracking.statements import xapi_timestamp


def _framed(values: set[str]) -> str:
    return "\n" + "\n".join(sorted(v for v in values if v)) + "\n" if values else ""


def _related(data: dict) -> tuple[set[str], set[str]]:
    """Every activity and agent a statement mentions (for related_* filters)."""
    activities: set[str] = set()
    agents: set[str] = set()

    def add_actor(value):
        if isinstance(value, dict):
            agents.add(agent_key(value))
            for member in value.get("member") or []:
                agents.add(agent_key(member))

    def walk(statement: dict):
        add_actor(statement.get("actor"))
        obj = statement.get("object") or {}
        kind = obj.get("objectType", "Activity")
        if kind == "Activity":
            activities.add(obj.get("id", ""))
        elif kind in ("Agent", "Group"):
            add_actor(obj)
        elif kind == "SubStatement":
            walk(obj)
        context = statement.get("context") or {}
        add_actor(context.get("instructor"))
        add_actor(context.get("team"))
        for items in (context.get("contextActivities") or {}).values():
            for item in items if isinstance(items, list) else [items]:
                activities.add(item.get("id", ""))

    walk(data)
    add_actor(data.get("authority"))
    return activities, agents


class Prepared(NamedTuple):
    """A statement as the values of its INSERT, worked out before the transaction: on
    SQLite every writer waits while one is in a transaction, so only the queries go in
    it. ``stored``, and a ``timestamp`` the statement lacks, are set there. No model
    instance is made: its ``__init__`` was a third of a batch's preparation; ``row()``
    makes one for the callers that want it."""

    data: dict  # the statement as stored
    values: list  # in _COLUMNS order, adapted for the database
    client: LRSClient | None

    def row(self, stored: datetime) -> Statement:
        data, values = self.data, self.values
        obj = data.get("object") or {}
        return Statement(
            statement_id=data["id"],
            data=data,
            verb=data["verb"]["id"],
            activity=values[_COLUMNS.index("activity")],
            agent=values[_COLUMNS.index("agent")],
            registration=(data.get("context") or {}).get("registration"),
            object_ref=obj.get("id") if obj.get("objectType") == "StatementRef" else None,
            related_activities=values[_COLUMNS.index("related_activities")],
            related_agents=values[_COLUMNS.index("related_agents")],
            timestamp=data["timestamp"],
            stored=stored,
            client=self.client,
        )


_COLUMNS = (
    "statement_id",
    "data",
    "verb",
    "activity",
    "agent",
    "registration",
    "object_ref",
    "related_activities",
    "related_agents",
    "timestamp",
    "stored",
    "voided",
    "client_id",
    "forward_status",
    "forward_attempts",
    "forward_error",
)
_DATA, _TIMESTAMP, _STORED = (_COLUMNS.index(c) for c in ("data", "timestamp", "stored"))
# What a new row holds in the columns the statement does not decide: the model's defaults.
_VOIDED, _FORWARD_STATUS, _FORWARD_ATTEMPTS, _FORWARD_ERROR = (
    Statement._meta.get_field(name).get_default()
    for name in ("voided", "forward_status", "forward_attempts", "forward_error")
)


def prepare_rows(statements: list[dict], client: LRSClient | None) -> list[Prepared]:
    """The values of each statement's row, adapted once per column with the ORM's own
    adapters: Django's bulk_create spent most of the time preparing each field of each
    row, and the LRS ingests batches of hundreds. ``data`` is kept as the statement was
    made or posted; ``stored``, ``authority`` and ``version`` are added when it is served
    (see tracking.lrs.read.as_served), so forwarding sends the statement itself and the
    receiving LRS sets its own."""
    connection = connections[router.db_for_write(Statement)]
    ops = connection.ops
    native_uuid = connection.features.has_native_uuid_field
    authority = agent_key(client_authority(client) if client else lms_authority())
    client_id = client.pk if client else None

    def as_uuid(value):
        if value is None:
            return None
        value = value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
        return value if native_uuid else value.hex

    prepared = []
    for data in statements:
        data = dict(data)
        obj = data.get("object") or {}
        kind = obj.get("objectType", "Activity")
        activities, agents = _related(data)
        agents.add(authority)
        timestamp = data.get("timestamp")
        values = [
            as_uuid(data["id"]),
            ops.adapt_json_value(data, None) if timestamp is not None else None,
            data["verb"]["id"],
            obj.get("id", "") if kind == "Activity" else "",
            agent_key(data.get("actor")),
            as_uuid((data.get("context") or {}).get("registration")),
            as_uuid(obj.get("id")) if kind == "StatementRef" else None,
            _framed(activities),
            _framed(agents),
            _as_time(ops, timestamp) if timestamp is not None else None,
            None,
            _VOIDED,
            client_id,
            _FORWARD_STATUS,
            _FORWARD_ATTEMPTS,
            _FORWARD_ERROR,
        ]
        prepared.append(Prepared(data, values, client))
    return prepared


def _as_time(ops, value):
    return ops.adapt_datetimefield_value(parse_datetime(value) if isinstance(value, str) else value)


def insert_rows(prepared: list[Prepared]) -> datetime:
    """Stored now, in one multi-row INSERT for the batch, in the caller's transaction;
    forwarded after it commits. ``stored`` is taken here, in the transaction, so that on
    SQLite (one writer at a time) it follows the order in which statements are stored.
    Returns it."""
    connection = connections[router.db_for_write(Statement)]
    ops = connection.ops
    stored = timezone.now()
    stored_value = _as_time(ops, stored)
    rows = []
    for data, values, _client in prepared:
        values = list(values)
        if values[_TIMESTAMP] is None:
            data.setdefault("timestamp", xapi_timestamp(stored))
            values[_DATA] = ops.adapt_json_value(data, None)
            values[_TIMESTAMP] = _as_time(ops, data["timestamp"])
        values[_STORED] = stored_value
        rows.append(values)
    table = ops.quote_name(Statement._meta.db_table)
    columns = ", ".join(ops.quote_name(c) for c in _COLUMNS)
    row_sql = "(" + ", ".join(["%s"] * len(_COLUMNS)) + ")"
    # SQLite allows 999 (older) to 32766 parameters a statement: stay well below.
    per_statement = max(1, 900 // len(_COLUMNS))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            chunk = rows[start : start + per_statement]
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {', '.join([row_sql] * len(chunk))}",  # noqa: S608 - our own names
                [v for row in chunk for v in row],
            )
    if settings.XAPI_LRS_ENDPOINT:
        transaction.on_commit(_enqueue_forwarding, robust=True)
    return stored


def _enqueue_forwarding() -> None:
    """Ask a worker to forward now. If the broker is down the statements wait, pending,
    for the periodic sweep: the learner's request neither fails nor waits (``base.wake``)."""
    from tracking.tasks import forward_statements_task

    wake(forward_statements_task)


def _context_activities_as_lists(statement: dict) -> None:
    """A single context activity is stored (and returned) as a list of one (xAPI 2.4.6.2)."""
    for part in (statement, statement.get("object") or {}):
        activities = (part.get("context") or {}).get("contextActivities")
        if isinstance(activities, dict):
            for key, value in activities.items():
                if isinstance(value, dict):
                    activities[key] = [value]


class StatementConflict(Exception):
    """An id the LRS already holds, with a different statement."""


def _void_targets(statements: list[dict]) -> None:
    targets = [
        s["object"]["id"]
        for s in statements
        if s["verb"]["id"] == "http://adlnet.gov/expapi/verbs/voided"
    ]
    if targets:
        # A voiding statement itself can't be voided (xAPI 1.0.3, 2.2.8).
        Statement.objects.filter(statement_id__in=targets).exclude(
            verb="http://adlnet.gov/expapi/verbs/voided"
        ).update(voided=True)


def _store_attachments(bodies: dict[str, tuple[str, bytes]]) -> None:
    """Keep attachment bodies by their SHA-256; one already held is the same bytes."""
    Attachment.objects.bulk_create(
        [
            Attachment(sha2=sha2, content_type=content_type, length=len(content), content=content)
            for sha2, (content_type, content) in bodies.items()
        ],
        ignore_conflicts=True,
    )


def store_statements(
    statements: list[dict],
    *,
    client: LRSClient,
    attachments: dict[str, tuple[str, bytes]] | None = None,
) -> list[str]:
    """Store statements posted to the embedded LRS, all or nothing.

    Statements already held with the same content are skipped; an id held with other
    content raises ``StatementConflict`` and nothing is stored. ``attachments`` are the
    bodies that came with them, ``{sha2: (content type, content)}``, checked by the caller.
    """
    for statement in statements:
        statement.setdefault("id", str(uuid.uuid4()))
        statement["id"] = statement["id"].lower()
        _context_activities_as_lists(statement)
    ids = [s["id"] for s in statements]
    clean = [{k: v for k, v in s.items() if k not in ("stored", "authority")} for s in statements]
    # Most of a batch's work needs no database: done before the transaction, it does not
    # hold up other writers (SQLite has one writer at a time).
    prepared = prepare_rows(clean, client)
    with write_queue(router.db_for_write(Statement)), transaction.atomic():
        existing = {
            str(statement_id): data
            for statement_id, data in Statement.objects.filter(statement_id__in=ids).values_list(
                "statement_id", "data"
            )
        }
        new, seen = [], {}
        for p in prepared:
            key = p.data["id"]
            earlier = existing[key] if key in existing else seen.get(key)
            if earlier is not None:
                if not same_statement(earlier, p.data):
                    raise StatementConflict(key)
                continue
            seen[key] = p.data
            new.append(p)
        if new:
            insert_rows(new)
        _void_targets([p.data for p in new])
        if attachments:
            _store_attachments(attachments)
    return ids
