"""What the reports keep: the course owners' API tokens.

A token is shown to its owner once; only its SHA-256 is kept (the secret is 256 random
bits, so a fast hash is enough and lets a request find its token by the hash alone).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    # The token's first characters, shown in the list so the owner can tell tokens apart.
    prefix = models.CharField(max_length=16)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def is_usable(self, now=None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)


class LrsClientScope(models.Model):
    """An LRS client that reads only about the consenting members of an organisation (and
    of the organisations under it), in some modules or all of them; it never writes.
    Made by ``create_lrs_client NAME --organisation …``."""

    client = models.OneToOneField(
        "tracking.LRSClient", on_delete=models.CASCADE, related_name="organisation_scope"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    modules = models.ManyToManyField("modules.Module", blank=True, related_name="+")

    class Meta:
        verbose_name = _("LRS client's organisation")
        verbose_name_plural = _("LRS clients' organisations")

    def __str__(self) -> str:
        return f"{self.client} → {self.organisation}"
