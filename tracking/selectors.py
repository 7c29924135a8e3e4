"""Reads for tracking: the statements of one registration, as the LRS serves them, and
the statements and documents about one person."""

from django.db.models import Q

from tracking.identity import person_agent_key
from tracking.lrs.read import as_served
from tracking.models import Document, Statement


def statements_for_registration(registration) -> list[dict]:
    rows = Statement.objects.filter(registration=registration).select_related("client")
    return [as_served(row) for row in rows.order_by("seq")]


def personal_data(user) -> dict:
    """The statements whose actor (or another agent in them) is the person's opaque id,
    as the LRS serves them, and the LRS documents (states, agent profiles) about them."""
    key = person_agent_key(user.xapi_id)
    statements = (
        Statement.objects.filter(Q(agent=key) | Q(related_agents__contains=f"\n{key}\n"))
        .select_related("client")
        .order_by("seq")
    )
    documents = Document.objects.filter(agent=key).order_by("kind", "document_id")
    return {
        "actor_id": user.xapi_id,
        "statements": [as_served(row) for row in statements],
        "documents": [
            {
                "kind": d.kind,
                "activity": d.activity,
                "registration": d.registration,
                "document_id": d.document_id,
                "content_type": d.content_type,
                "content": bytes(d.content),
                "updated": d.updated,
            }
            for d in documents
        ],
    }
