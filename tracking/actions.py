"""Writes for tracking: recording the statements of learning events (stored in the
embedded LRS, which is also the forwarding outbox) and LRS client credentials."""

import secrets

from django.db import transaction

from tracking.identity import hash_secret, person_agent_key
from tracking.lrs.documents import delete_agent_documents
from tracking.lrs.store import insert_rows, prepare_rows
from tracking.models import LRSClient, Statement


def record_statements(
    statements: list[dict], *, client: LRSClient | None = None
) -> list[Statement]:
    """Store statements in the caller's transaction; forward them after it commits.

    Called by every action that performs a learning event, so the event and its
    statement are committed together or not at all.
    """
    if not statements:
        return []
    prepared = prepare_rows(statements, client)
    stored = insert_rows(prepared)
    return [p.row(stored) for p in prepared]


def record_statement(statement: dict, *, client: LRSClient | None = None) -> Statement:
    """One statement: see ``record_statements``."""
    return record_statements([statement], client=client)[0]


@transaction.atomic
def create_lrs_client(name: str, *, can_write: bool = True) -> tuple[LRSClient, str]:
    """New credentials for the embedded LRS. The secret is returned once and kept only
    as a hash (a fast one is enough: it is 256 random bits, not a password)."""
    secret = secrets.token_urlsafe(32)
    client = LRSClient.objects.create(
        name=name,
        key=secrets.token_hex(10),
        secret_hash=hash_secret(secret),
        can_write=can_write,
    )
    return client, secret


def delete_person_documents(xapi_id) -> int:
    """Delete the LRS documents (states, agent profiles) whose agent is the person with
    this ``xapi_id``, in the caller's transaction: part of deleting their account."""
    return delete_agent_documents(person_agent_key(xapi_id))
