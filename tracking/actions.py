"""Writes for tracking: recording statements (the LRS store and the forwarding outbox)."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from tracking.models import LRSClient, Statement
from tracking.statements import xapi_timestamp


def agent_key(agent: dict) -> str:
    """One string per agent identity (its inverse functional identifier), for filtering."""
    if not isinstance(agent, dict):
        return ""
    if "mbox" in agent:
        return f"mbox|{agent['mbox']}"
    if "mbox_sha1sum" in agent:
        return f"mbox_sha1sum|{agent['mbox_sha1sum']}"
    if "openid" in agent:
        return f"openid|{agent['openid']}"
    account = agent.get("account")
    if isinstance(account, dict):
        return f"account|{account.get('homePage')}|{account.get('name')}"
    return ""


def lms_authority() -> dict:
    """The authority on statements the LMS itself records."""
    return {
        "objectType": "Agent",
        "account": {"homePage": settings.SITE_URL.rstrip("/"), "name": "lms"},
    }


def client_authority(client: LRSClient) -> dict:
    return {
        "objectType": "Agent",
        "account": {"homePage": settings.SITE_URL.rstrip("/"), "name": f"client:{client.key}"},
    }


def _row(data: dict, client: LRSClient | None, stored) -> Statement:
    """``data`` is kept as the statement was made or posted; ``stored``, ``authority``
    and ``version`` are added when it is served (see selectors.as_served), so forwarding
    sends the statement itself and the receiving LRS sets its own."""
    data = dict(data)
    data.setdefault("timestamp", xapi_timestamp(stored))
    obj = data.get("object") or {}
    context = data.get("context") or {}
    return Statement(
        statement_id=data["id"],
        data=data,
        verb=data["verb"]["id"],
        activity=obj.get("id", "") if obj.get("objectType", "Activity") == "Activity" else "",
        agent=agent_key(data.get("actor")),
        registration=context.get("registration"),
        timestamp=data["timestamp"],
        stored=stored,
        client=client,
    )


def record_statements(
    statements: list[dict], *, client: LRSClient | None = None
) -> list[Statement]:
    """Store statements in the caller's transaction; forward them after it commits.

    Called by every action that performs a learning event, so the event and its
    statement are committed together or not at all.
    """
    if not statements:
        return []
    stored = timezone.now()
    rows = Statement.objects.bulk_create([_row(s, client, stored) for s in statements])
    if settings.XAPI_LRS_ENDPOINT:
        transaction.on_commit(_enqueue_forwarding, robust=True)
    return rows


def _enqueue_forwarding() -> None:
    """Ask a worker to forward now. If the broker is down the statements wait, pending,
    for the periodic sweep: the learner's request neither fails nor waits."""
    from tracking.tasks import forward_statements_task

    forward_statements_task.apply_async(retry=False)


def record_statement(statement: dict, *, client: LRSClient | None = None) -> Statement:
    return record_statements([statement], client=client)[0]
