"""Reads for the catalogue, the player and the home page."""

from dataclasses import dataclass

from django.db.models import Count, Max
from django.http import Http404
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from base.i18n import current_language, preference
from modules.models import Enrolment, Industry, ModuleVersion, Page, PageVariant, PageView
from modules.versioncache import rendered_body, version_content


def industries():
    return Industry.objects.all()


def industry_by_slug(slug: str) -> Industry:
    industry = Industry.objects.filter(slug=slug).first()
    if industry is None:
        raise Http404
    return industry


def catalogue(industry: str = "", role: str = "", language: str = "") -> list[ModuleVersion]:
    """Current versions of all modules, filtered by industry slug, role and language."""
    versions = (
        ModuleVersion.objects.filter(is_current=True)
        .select_related("module")
        .prefetch_related("industries")
        .order_by("module__slug")
    )
    out = []
    versions = list(versions)
    by_slug = {version.module.slug: version for version in versions}
    for version in versions:
        # A refresher names the module it refreshes, so it never reads as a second course.
        version.refreshed = by_slug.get(version.refreshes) if version.refreshes else None
        if role and role not in version.roles:
            continue
        if language and language not in version.languages:
            continue
        if (
            industry
            and not version.all_industries
            and industry not in {i.slug for i in version.industries.all()}
        ):
            continue
        out.append(version)
    out.sort(key=lambda version: version.refreshed is not None)  # refreshers last
    return out


def current_version(slug: str) -> ModuleVersion:
    version = (
        ModuleVersion.objects.filter(module__slug=slug, is_current=True)
        .select_related("module")
        .first()
    )
    if version is None:
        raise Http404
    return version


def refreshed_version(version: ModuleVersion) -> ModuleVersion | None:
    """The current version of the module ``version`` is a refresher for, if any."""
    if not version.refreshes:
        return None
    return (
        ModuleVersion.objects.filter(module__slug=version.refreshes, is_current=True)
        .select_related("module")
        .first()
    )


def current_refreshers() -> dict[str, ModuleVersion]:
    """The current refresher modules, by the slug of the module each refreshes."""
    versions = (
        ModuleVersion.objects.filter(is_current=True)
        .exclude(refreshes="")
        .select_related("module")
        .order_by("module__slug")
    )
    refreshers: dict[str, ModuleVersion] = {}
    for version in versions:
        refreshers.setdefault(version.refreshes, version)
    return refreshers


def industries_for(version: ModuleVersion):
    return Industry.objects.all() if version.all_industries else version.industries.all()


@dataclass(frozen=True)
class PageEntry:
    """A page as one learner sees it: the variant for their language, industry and role."""

    page: Page
    variant: PageVariant
    seen: bool

    @property
    def number(self) -> int:
        return self.page.order

    @property
    def title(self) -> str:
        return self.variant.title


def content_language(enrolment: Enrolment) -> str:
    """The learner's language if the module is written in it, else its fallback (Polish
    to English), else the module's first. Progress is per page, whatever the language."""
    languages = enrolment.version.languages
    return next(
        (code for code in preference(current_language()) if code in languages), languages[0]
    )


def _best_variant(variants, language: str, enrolment: Enrolment) -> PageVariant:
    fitting = [
        v
        for v in variants
        if v.language == language
        and v.industry in ("", enrolment.industry.slug)
        and v.role in ("", enrolment.role)
    ]
    return max(fitting, key=PageVariant.specificity)


def learner_pages(enrolment: Enrolment) -> list[PageEntry]:
    """The enrolment's pages in order, in the learner's variant, with what they have seen.

    One query (the pages seen), whatever the module's length, or none when the enrolment
    was read with them (``access_enrolment(..., with_seen=True)``): the version's content
    is immutable and comes from the in-process cache.
    """
    content = version_content(enrolment.version_id, enrolment.version.imported_at)
    seen = getattr(enrolment, "seen_page_ids", None)
    if seen is None:
        seen = set(PageView.objects.filter(enrolment=enrolment).values_list("page_id", flat=True))
    language = content_language(enrolment)
    return [
        PageEntry(
            page, _best_variant(content.variants[page.pk], language, enrolment), page.pk in seen
        )
        for page in content.pages
    ]


def page_body(enrolment: Enrolment, variant: PageVariant) -> SafeString:
    """The page's content as HTML (its title, text, words and sources), rendered once per
    version, variant and language of the site around it, then from memory."""
    key = (enrolment.version_id, enrolment.version.imported_at, variant.pk, get_language())
    return mark_safe(  # noqa: S308 - a template's output, escaped by it
        rendered_body(key, lambda: render_to_string("modules/page_body.html", {"variant": variant}))
    )


def resume_target(pages: list[PageEntry]) -> int | None:
    """The page number to continue at: the first unseen page; None when all are seen."""
    return next((entry.number for entry in pages if not entry.seen), None)


@dataclass
class Progress:
    seen: int
    pages: int
    has_quiz: bool
    quiz_passed: bool

    @property
    def steps(self) -> int:
        return self.pages + (1 if self.has_quiz else 0)

    @property
    def done(self) -> int:
        return self.seen + (1 if self.quiz_passed else 0)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.steps) if self.steps else 0


def progress_of(enrolment: Enrolment, seen: int) -> Progress:
    version = enrolment.version
    return Progress(
        seen, version.page_count, version.has_quiz, enrolment.quiz_passed_at is not None
    )


@dataclass
class EnrolmentSummary:
    enrolment: Enrolment
    progress: Progress


def learner_enrolments(user) -> list[EnrolmentSummary]:
    """The learner's enrolments with progress, unfinished first, most recent activity first."""
    rows = (
        Enrolment.objects.filter(user=user)
        .select_related("version__module", "industry")
        .annotate(seen=Count("page_views"), last_seen=Max("page_views__first_seen_at"))
    )
    summaries = [EnrolmentSummary(e, progress_of(e, e.seen)) for e in rows]
    summaries.sort(
        key=lambda s: (
            s.enrolment.completed_at is not None,
            -(s.enrolment.last_seen or s.enrolment.enrolled_at).timestamp(),
        )
    )
    return summaries


def enrolment_for(user, version: ModuleVersion, industry: Industry) -> Enrolment | None:
    if not user.is_authenticated:
        return None
    return (
        Enrolment.objects.filter(user=user, version__module_id=version.module_id, industry=industry)
        .order_by("-enrolled_at")
        .first()
    )


def enrolments_in_module(user, version: ModuleVersion) -> list[Enrolment]:
    if not user.is_authenticated:
        return []
    return list(
        Enrolment.objects.filter(user=user, version__module_id=version.module_id)
        .select_related("industry", "version")
        .order_by("-enrolled_at")
    )


def member_progress(user_ids, module_ids, industry_id) -> dict[tuple[int, int], EnrolmentSummary]:
    """Progress of several learners in several modules for a team in one industry, keyed
    by (user id, module id). A module completed in any industry counts (see
    ``docs/decisions/0010-completion-counts-in-every-industry.md``): the team industry's
    completed run first, else a completed run in another industry (the newest), else the
    team industry's newest enrolment. For a team page (two queries)."""
    rows = (
        Enrolment.objects.filter(user_id__in=user_ids, version__module_id__in=module_ids)
        .select_related("version__module", "industry")
        .annotate(seen=Count("page_views"))
        .order_by("enrolled_at")
    )
    ranked: dict[tuple[int, int], tuple[tuple, Enrolment]] = {}
    for e in rows:
        key = (e.user_id, e.version.module_id)
        here = e.industry_id == industry_id
        if not here and e.completed_at is None:
            continue  # unfinished in another industry: not this team's course
        rank = (e.completed_at is not None, here, e.completed_at or e.enrolled_at)
        if key not in ranked or rank >= ranked[key][0]:
            ranked[key] = (rank, e)
    return {key: EnrolmentSummary(e, progress_of(e, e.seen)) for key, (_rank, e) in ranked.items()}


def completed_modules(user, module_ids) -> set[int]:
    """The modules among ``module_ids`` that ``user`` has completed, in any industry."""
    return set(
        Enrolment.objects.filter(
            user=user, version__module_id__in=module_ids, completed_at__isnull=False
        ).values_list("version__module_id", flat=True)
    )


def personal_data(user) -> dict:
    """The person's enrolments, their progress and the pages they have seen."""
    enrolments = (
        Enrolment.objects.filter(user=user)
        .select_related("version__module", "industry")
        .prefetch_related("page_views__page")
        .order_by("enrolled_at", "pk")
    )
    return {
        "enrolments": [
            {
                "module": e.version.module.slug,
                "version": e.version.label,
                "industry": e.industry.slug,
                "role": e.role,
                "registration": e.registration,
                "enrolled_at": e.enrolled_at,
                "last_active_at": e.last_active_at,
                "quiz_passed_at": e.quiz_passed_at,
                "completed_at": e.completed_at,
                "page_views": [
                    {"page": v.page.key, "first_seen_at": v.first_seen_at}
                    for v in sorted(e.page_views.all(), key=lambda v: (v.first_seen_at, v.pk))
                ],
            }
            for e in enrolments
        ]
    }
