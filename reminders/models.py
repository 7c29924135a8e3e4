"""Reminders: one row per (kind, subject, due date) is the reminders' outbox.

The scan creates due rows (the unique constraint makes a second scan, or two at once,
create nothing new); the sender claims a recipient's due rows, checks each is still
wanted, and settles them together with the one e-mail that combines them.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q


def new_token() -> str:
    return secrets.token_urlsafe(18)


class Reminder(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "pending"
        SENT = "sent", "sent"
        SKIPPED = "skipped", "skipped"  # no longer wanted, or the person opted out

    kind = models.CharField(max_length=40)
    subject_key = models.CharField(max_length=120)
    due_on = models.DateField()
    # One recipient: an account (deleting it deletes its reminders) or, for an invitee
    # without one, an address. ``recipient`` is the key the one-a-day rule counts by.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    email = models.EmailField(blank=True)
    recipient = models.CharField(max_length=80)
    language = models.CharField(max_length=8, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    send_after = models.DateTimeField(null=True, blank=True)
    skip_reason = models.CharField(max_length=20, blank=True)
    # The link in the e-mail goes through /reminders/r/<token>/ (the "followed" statement).
    token = models.CharField(max_length=40, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    followed_at = models.DateTimeField(null=True, blank=True)
    email_row = models.ForeignKey(
        "mail.Email", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "subject_key", "due_on"], name="one_reminder_per_due_date"
            )
        ]
        indexes = [
            models.Index(
                fields=["due_on", "recipient"],
                condition=Q(status="pending"),
                name="reminder_pending",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.subject_key} {self.due_on}"


class RecipientDay(models.Model):
    """A reminder e-mail went to ``recipient`` on ``day``: the one-a-day rule, held by
    a unique row even when two senders run at once."""

    recipient = models.CharField(max_length=80)
    day = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["recipient", "day"], name="one_reminder_mail_a_day")
        ]


class OptOut(models.Model):
    """Someone does not want reminders of one kind: an account, or an address without one
    (kept as a keyed hash, never the address)."""

    kind = models.CharField(max_length=40)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    address_hash = models.CharField(max_length=64, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"], condition=Q(user__isnull=False), name="opt_out_user"
            ),
            models.UniqueConstraint(
                fields=["address_hash", "kind"],
                condition=Q(user__isnull=True),
                name="opt_out_address",
            ),
        ]
