"""Reads for tracking: statements as the LRS serves them."""

from tracking.actions import client_authority, lms_authority
from tracking.models import Statement
from tracking.statements import xapi_timestamp


def as_served(row: Statement) -> dict:
    """The statement with what the LRS sets: ``stored``, ``authority``, ``version``."""
    data = dict(row.data)
    data["stored"] = xapi_timestamp(row.stored)
    data.setdefault("authority", client_authority(row.client) if row.client_id else lms_authority())
    data.setdefault("version", "1.0.0")
    return data


def statements_for_registration(registration) -> list[dict]:
    rows = Statement.objects.filter(registration=registration).select_related("client")
    return [as_served(row) for row in rows.order_by("seq")]
