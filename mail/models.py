"""The outbox: every e-mail the site sends is a row here first, written in the
transaction of what caused it, and sent by the worker (``mail/sender.py``)."""

import uuid

from django.db import models
from django.db.models import Q


class Email(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "pending"
        SENT = "sent", "sent"
        PARKED = "parked", "parked"  # refused for good (e.g. the address does not exist)
        CANCELLED = "cancelled", "cancelled"  # what it was about went away before it was sent

    to = models.EmailField()
    subject = models.CharField(max_length=300)
    text = models.TextField()
    html = models.TextField(blank=True)
    # Extra headers as name → value (single-line by construction, see mail.actions).
    headers = models.JSONField(default=dict, blank=True)
    # Text attachments: [{"filename", "content", "mimetype"}] (an .ics event).
    attachments = models.JSONField(default=list, blank=True)
    # Non-empty: at most one e-mail with this key is ever queued.
    dedupe_key = models.CharField(max_length=200, blank=True, default="")
    # What the e-mail is about (e.g. "invitation:12"), so it can be cancelled.
    tag = models.CharField(max_length=100, blank=True, default="")
    # The same Message-ID on every delivery attempt, so a rare second delivery is
    # recognisable as the same message.
    message_id = models.CharField(max_length=200, default="", blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    send_after = models.DateTimeField(null=True, blank=True)
    claim = models.UUIDField(null=True, blank=True)
    last_error = models.CharField(max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["dedupe_key"], condition=~Q(dedupe_key=""), name="email_dedupe_key"
            )
        ]
        indexes = [
            models.Index(
                fields=["send_after"], condition=Q(status="pending"), name="email_pending"
            ),
            models.Index(fields=["tag"], condition=Q(status="pending"), name="email_pending_tag"),
        ]

    def __str__(self) -> str:
        return f"e-mail {self.pk} ({self.status})"

    def save(self, *args, **kwargs):
        if not self.message_id:
            self.message_id = f"<{uuid.uuid4().hex}@arbeidsmiljo-lms>"
        super().save(*args, **kwargs)
