import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from base.i18n import pick
from base.roles import Role


class Industry(models.Model):
    """An industry (bransje). Data, imported from ``modules/content/industries.yaml``."""

    slug = models.SlugField(_("slug"), unique=True)
    name_nb = models.CharField(_("name (bokmål)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    name_pl = models.CharField(_("name (Polish)"), max_length=120, blank=True)  # else English
    order = models.PositiveSmallIntegerField(default=0)
    # [{"key": ..., "name": {"nb": ..., "en": ...}}], for the teams' factor mapping
    factors = models.JSONField(default=list, blank=True)
    # {"nb": ..., "en": ...}: the regional safety-rep scheme, where the industry has one
    regional_safety_reps = models.JSONField(default=dict, blank=True)
    # {"prompts": {lang: [html]}, "plan_examples": {lang: [html]}}: for the joint session
    joint = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("industry")
        verbose_name_plural = _("industries")

    def __str__(self) -> str:
        return self.name

    @property
    def names(self) -> dict[str, str]:
        """The name in every language it has: {"nb": ..., "en": ..., "pl": ...}."""
        names = {"nb": self.name_nb, "en": self.name_en}
        if self.name_pl:
            names["pl"] = self.name_pl
        return names

    @property
    def name(self) -> str:
        return pick(self.names)

    @property
    def regional_safety_reps_text(self) -> str:
        return pick(self.regional_safety_reps)


class Module(models.Model):
    """A module, identified by its slug across versions."""

    slug = models.SlugField(_("slug"), unique=True, max_length=80)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    def __str__(self) -> str:
        return self.slug


class ModuleVersion(models.Model):
    """One imported state of a module. Enrolments point here, so a learner keeps
    the version they started even when the content is imported again."""

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version number"))
    label = models.CharField(_("version"), max_length=20)
    major = models.PositiveIntegerField(default=1)
    content_hash = models.CharField(max_length=64)
    is_current = models.BooleanField(default=True)
    imported_at = models.DateTimeField(auto_now_add=True)
    title = models.JSONField(default=dict)
    summary = models.JSONField(default=dict)
    outcomes = models.JSONField(default=dict)
    languages = models.JSONField(default=list)
    roles = models.JSONField(default=list)
    all_industries = models.BooleanField(default=False)
    industries = models.ManyToManyField(Industry, blank=True, related_name="module_versions")
    minutes = models.PositiveSmallIntegerField()
    validity_months = models.PositiveSmallIntegerField(null=True, blank=True)
    page_count = models.PositiveSmallIntegerField(default=0)
    has_quiz = models.BooleanField(default=False)
    # The joint session for teams: {"prompts": {lang: [html]}, "follow_up_months": [1, 3, 6]}
    joint = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["module", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["module", "number"], name="module_version_number"),
            models.UniqueConstraint(
                fields=["module"], condition=Q(is_current=True), name="one_current_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.module.slug} v{self.label} (#{self.number})"

    @property
    def title_text(self) -> str:
        return pick(self.title)

    @property
    def summary_text(self) -> str:
        return pick(self.summary)

    @property
    def outcome_list(self) -> list[str]:
        return pick(self.outcomes) or []

    @property
    def role_labels(self) -> list[str]:
        return [Role(r).label for r in self.roles]


class Page(models.Model):
    version = models.ForeignKey(ModuleVersion, on_delete=models.CASCADE, related_name="pages")
    order = models.PositiveSmallIntegerField()
    key = models.SlugField(max_length=80)

    class Meta:
        ordering = ["version", "order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "order"], name="page_order"),
            models.UniqueConstraint(fields=["version", "key"], name="page_key"),
        ]

    def __str__(self) -> str:
        return f"{self.version_id}:{self.key}"


class PageVariant(models.Model):
    """A page's text in one language, optionally for one industry and/or role.
    ``html`` is rendered and sanitised once, at import."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="variants")
    language = models.CharField(max_length=8)
    industry = models.CharField(max_length=80, blank=True, default="")
    role = models.CharField(max_length=20, blank=True, default="")
    title = models.CharField(max_length=200)
    html = models.TextField()
    source = models.CharField(max_length=300)
    # [{"publisher", "title", "year"}]: where the page's figures come from
    sources = models.JSONField(default=list, blank=True)
    # [{"key", "term", "explanation"}]: the glossary terms marked on the page, in order
    words = models.JSONField(default=list, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["page", "language", "industry", "role"], name="page_variant"
            )
        ]

    def specificity(self) -> int:
        return (2 if self.industry else 0) + (1 if self.role else 0)


class Enrolment(models.Model):
    """A learner taking one module version, in one industry's and one role's variant."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    version = models.ForeignKey(ModuleVersion, on_delete=models.PROTECT, related_name="+")
    industry = models.ForeignKey(Industry, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=20, choices=Role.choices)
    registration = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    enrolled_at = models.DateTimeField(auto_now_add=True)
    quiz_passed_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-enrolled_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "version", "industry"], name="one_enrolment_per_version_industry"
            )
        ]

    def __str__(self) -> str:
        return f"enrolment {self.pk}"

    @property
    def is_completed(self) -> bool:
        return self.completed_at is not None


class PageView(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="page_views")
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")
    first_seen_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "page"], name="one_view_per_page")
        ]
