"""Certificates: one per completion, verifiable by its code by anyone.

A certificate keeps what it said when it was issued (the holder's name as given, the
module's title and version, the industry, the learning time), so a later content
version or a changed display name does not change a document already printed.
"""

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from base.i18n import pick
from certificates.codes import grouped, new_code


class Certificate(models.Model):
    class State(models.TextChoices):
        VALID = "valid", _("valid")
        EXPIRED = "expired", _("expired")
        REVOKED = "revoked", _("revoked")
        RENEWED = "renewed", _("renewed")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField(_("verification code"), max_length=10, unique=True, default=new_code)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="certificates"
    )
    # The completion that earned it: a refresher's enrolment for a renewal.
    enrolment = models.OneToOneField(
        "modules.Enrolment", on_delete=models.CASCADE, related_name="+"
    )
    module = models.ForeignKey("modules.Module", on_delete=models.PROTECT, related_name="+")
    version = models.ForeignKey("modules.ModuleVersion", on_delete=models.PROTECT, related_name="+")
    industry = models.ForeignKey("modules.Industry", on_delete=models.PROTECT, related_name="+")
    holder_name = models.CharField(_("holder's name"), max_length=150)
    language = models.CharField(max_length=8)
    module_title = models.JSONField(default=dict)
    version_label = models.CharField(max_length=20)
    industry_names = models.JSONField(default=dict)
    minutes = models.PositiveSmallIntegerField()
    issued_on = models.DateField(_("issued on"))
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(max_length=300, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    renewed_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="renews"
    )
    # A new major version of the module came out after this was issued.
    refresher_recommended_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_on", "-pk"]
        indexes = [
            # The refresher reminders read these through the indexes (rows still in force).
            models.Index(
                fields=["expires_on"],
                condition=Q(revoked_at=None, renewed_by=None),
                name="certificate_in_force_expiry",
            ),
            models.Index(
                fields=["refresher_recommended_at"],
                condition=Q(revoked_at=None, renewed_by=None),
                name="certificate_recommended",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.grouped_code} {self.module_id}"

    @property
    def grouped_code(self) -> str:
        return grouped(self.code)

    @property
    def title_text(self) -> str:
        return pick(self.module_title)

    @property
    def industry_name(self) -> str:
        return pick(self.industry_names)

    def state(self, today: date | None = None) -> str:
        today = today or timezone.localdate()
        if self.revoked_at is not None:
            return self.State.REVOKED
        if self.renewed_by_id is not None:
            return self.State.RENEWED
        if self.expires_on is not None and self.expires_on < today:
            return self.State.EXPIRED
        return self.State.VALID

    @property
    def current_state(self) -> str:
        return self.state()

    @property
    def state_label(self) -> str:
        return self.State(self.state()).label
