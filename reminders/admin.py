from django.contrib import admin

from base.admin import ReadOnly
from reminders.models import Reminder


@admin.register(Reminder)
class ReminderAdmin(ReadOnly):
    """For operators: which reminders were due, sent, skipped (and why) and followed."""

    list_display = ["kind", "due_on", "status", "skip_reason", "sent_at", "followed_at"]
    list_filter = ["kind", "status", "skip_reason"]
    fields = ["kind", "due_on", "status", "skip_reason", "created_at", "sent_at", "followed_at"]
