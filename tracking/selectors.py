"""Reads for tracking: the statements of one registration, as the LRS serves them."""

from tracking.lrs.read import as_served
from tracking.models import Statement


def statements_for_registration(registration) -> list[dict]:
    rows = Statement.objects.filter(registration=registration).select_related("client")
    return [as_served(row) for row in rows.order_by("seq")]
