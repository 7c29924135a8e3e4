from django.contrib import admin

from base.admin import ReadOnly
from mail.models import Email


@admin.register(Email)
class EmailAdmin(ReadOnly):
    """For operators: what waits in the outbox, what was sent, what was refused. The
    bodies stay out of the list (they hold personal links)."""

    list_display = ["pk", "status", "attempts", "send_after", "created_at", "sent_at"]
    list_filter = ["status"]
    fields = ["status", "attempts", "send_after", "last_error", "created_at", "sent_at", "tag"]
