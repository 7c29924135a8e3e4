"""Organisations (confederation → member union → local branch; employers' organisations
likewise), the learners who have said they belong to one, and the course owners' scopes.

Saying you belong to a union reveals union membership, special-category personal data
(GDPR art. 9): an ``Affiliation`` exists only with the learner's explicit consent, and
withdrawing the consent deletes it. Without one, a learner counts only in site totals.
Affiliations never reach xAPI statements (they go to outside record stores).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from teams.orgnumber import validate_org_number


class Organisation(models.Model):
    class Kind(models.TextChoices):
        CONFEDERATION = "confederation", _("Confederation")
        UNION = "union", _("Member union")
        BRANCH = "branch", _("Local branch")
        EMPLOYERS = "employers", _("Employers' organisation")
        AUTHORITY = "authority", _("Public authority")
        OTHER = "other", _("Other organisation")

    # Kinds whose membership is union membership (special-category data).
    UNION_KINDS = frozenset({Kind.CONFEDERATION, Kind.UNION, Kind.BRANCH})

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    org_number = models.CharField(
        _("organisation number"), max_length=9, blank=True, validators=[validate_org_number]
    )
    # Learners may pick it on their profile (an authority, say, has no members to pick it).
    open_to_learners = models.BooleanField(_("learners may say they belong to it"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "name"], name="organisation_unique_name_under_parent"
            ),
            models.UniqueConstraint(
                fields=["name"],
                condition=models.Q(parent__isnull=True),
                name="organisation_unique_top_level_name",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def reveals_union_membership(self) -> bool:
        return self.kind in self.UNION_KINDS


class Affiliation(models.Model):
    """A learner's statement that they belong to an organisation, given with consent."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="affiliations"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="affiliations"
    )
    consented_at = models.DateTimeField()
    # A second, separate consent: the organisation's course owners may see the learner's
    # name in lists (who has completed, whose refresher is due). Without it, only counts.
    share_name = models.BooleanField(default=False)
    share_name_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="affiliation_once_per_organisation"
            ),
        ]
        indexes = [models.Index(fields=["organisation", "user"], name="affiliation_by_org")]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.organisation_id}"


class OwnerScope(models.Model):
    """A course owner's scope: an organisation with its descendants, and the modules the
    owner follows there (none chosen = every module)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("course owner"),
        on_delete=models.CASCADE,
        related_name="owner_scopes",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="owner_scopes",
    )
    modules = models.ManyToManyField(
        "modules.Module",
        verbose_name=_("modules"),
        blank=True,
        related_name="+",
        help_text=_("Leave empty for every module."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("course-owner scope")
        verbose_name_plural = _("course-owner scopes")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="owner_scope_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation}"
