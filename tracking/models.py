import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class LRSClient(models.Model):
    """Credentials for the embedded LRS at /xapi/ (HTTP Basic)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    key = models.CharField(max_length=40, unique=True)
    secret_hash = models.CharField(max_length=128)
    can_write = models.BooleanField(default=True)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("LRS client")
        verbose_name_plural = _("LRS clients")

    def __str__(self) -> str:
        return self.name


class ForwardStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    DELIVERED = "delivered", _("delivered")
    PARKED = "parked", _("parked")


class Statement(models.Model):
    """An xAPI statement: the embedded LRS's store and the outbox for forwarding.

    ``data`` is the statement exactly as the LRS returns it (with ``stored`` and
    ``authority``); the other columns exist to filter and to forward.
    """

    seq = models.BigAutoField(primary_key=True)
    statement_id = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    data = models.JSONField()
    # Filtered by the LRS's queries, through the (column, seq) indexes in Meta.
    verb = models.CharField(max_length=500)
    activity = models.CharField(max_length=500, blank=True)
    agent = models.CharField(max_length=600, blank=True)
    registration = models.UUIDField(null=True, blank=True)
    object_ref = models.UUIDField(null=True, blank=True)  # a StatementRef's target
    # Newline-framed lists ("\nA\nB\n") for the related_activities / related_agents queries.
    related_activities = models.TextField(blank=True)
    related_agents = models.TextField(blank=True)
    timestamp = models.DateTimeField()
    stored = models.DateTimeField(db_index=True)
    voided = models.BooleanField(default=False)
    client = models.ForeignKey(LRSClient, null=True, blank=True, on_delete=models.SET_NULL)
    forward_status = models.CharField(
        max_length=10, choices=ForwardStatus.choices, default=ForwardStatus.PENDING
    )
    forward_attempts = models.PositiveIntegerField(default=0)
    forward_after = models.DateTimeField(null=True, blank=True)
    forward_error = models.TextField(blank=True)
    # Set while a worker is sending the row; another worker takes it only after
    # forward_after (the lease) has passed, e.g. when the first was killed mid-batch.
    forward_claim = models.UUIDField(null=True, blank=True)

    class Meta:
        ordering = ["seq"]
        # A page of a filtered query is a range of one of these, newest first, however
        # large the store (docs/decisions/0011). Plain indexes on the column alone left
        # PostgreSQL sorting every match, and Django added a second (LIKE) index to each
        # text column that no query used but every INSERT had to write.
        indexes = [
            models.Index(
                fields=["forward_after", "seq"],
                name="statement_pending",
                condition=Q(forward_status="pending"),
            ),
            models.Index(fields=["agent", "seq"], name="statement_agent"),
            models.Index(fields=["activity", "seq"], name="statement_activity"),
            models.Index(fields=["registration", "seq"], name="statement_registration"),
            models.Index(fields=["verb", "seq"], name="statement_verb"),
            # Few statements are StatementRefs: only they are in the index.
            models.Index(
                fields=["object_ref"],
                name="statement_object_ref",
                condition=Q(object_ref__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return str(self.statement_id)


class Attachment(models.Model):
    """The body of an xAPI attachment, held once per content (by its SHA-256, ``sha2``).

    Statements refer to it by ``sha2`` in their ``attachments``; several statements can
    share one body, and a body is never changed once stored.
    """

    sha2 = models.CharField(max_length=64, unique=True)
    content_type = models.CharField(max_length=255)
    length = models.PositiveBigIntegerField()
    content = models.BinaryField()
    stored = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.sha2


class DocumentKind(models.TextChoices):
    STATE = "state", _("state")
    ACTIVITY_PROFILE = "activity_profile", _("activity profile")
    AGENT_PROFILE = "agent_profile", _("agent profile")


class Document(models.Model):
    """A document of the LRS's State, Activity Profile or Agent Profile resource, kept as
    the bytes it came as. ``key`` (SHA-256 of its address) makes the address unique
    whatever the length of its parts; ``etag`` is the SHA-1 of ``content`` (xAPI 3.1)."""

    key = models.CharField(max_length=64, unique=True)
    kind = models.CharField(max_length=20, choices=DocumentKind.choices)
    activity = models.CharField(max_length=1000, blank=True)
    agent = models.CharField(max_length=600, blank=True)  # tracking.identity.agent_key
    registration = models.UUIDField(null=True, blank=True)
    document_id = models.TextField()
    content_type = models.CharField(max_length=255)
    content = models.BinaryField()
    etag = models.CharField(max_length=40)
    updated = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(fields=["agent", "kind"], name="document_agent"),
            models.Index(fields=["activity", "kind"], name="document_activity"),
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.document_id}"
