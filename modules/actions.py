"""Writes for modules: importing content, enrolling, recording progress and completion."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from modules.models import Enrolment, Industry, Module, ModuleVersion, Page, PageVariant, PageView
from modules.sources.loader import ContentTree, ModuleSource
from modules.sources.parts import registered
from modules.versioncache import version_content
from tracking import statements
from tracking.actions import record_statement


@dataclass
class ImportResult:
    created: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def _create_version(source: ModuleSource, industries: dict[str, Industry]) -> ModuleVersion:
    module, _created = Module.objects.get_or_create(slug=source.slug)
    last = module.versions.aggregate(n=Max("number"))["n"] or 0
    module.versions.filter(is_current=True).update(is_current=False)
    meta = source.meta
    version = ModuleVersion.objects.create(
        module=module,
        number=last + 1,
        label=meta["version"],
        major=source.major,
        content_hash=source.content_hash,
        is_current=True,
        title=meta["title"],
        summary=meta["summary"],
        outcomes=meta["outcomes"],
        languages=meta["languages"],
        roles=meta["roles"],
        all_industries=meta["industries"] == "all",
        minutes=meta["minutes"],
        validity_months=meta["validity_months"],
        page_count=len(source.pages),
        has_quiz=any(
            part.required_for_completion and part.name in source.parts for part in registered()
        ),
        joint=meta["joint"],
    )
    if meta["industries"] != "all":
        version.industries.set([industries[slug] for slug in meta["industries"]])
    pages = Page.objects.bulk_create(
        Page(version=version, order=i, key=key) for i, key in enumerate(source.pages, start=1)
    )
    by_key = {p.key: p for p in pages}
    PageVariant.objects.bulk_create(
        PageVariant(
            page=by_key[v.key],
            language=v.language,
            industry=v.industry,
            role=v.role,
            title=v.title,
            html=v.html,
            source=v.source,
            sources=v.sources,
            words=v.words,
        )
        for v in source.variants
    )
    for part in registered():
        if part.name in source.parts:
            part.store(version, source.parts[part.name])
    return version


@transaction.atomic
def import_content(tree: ContentTree) -> ImportResult:
    """Store a checked content tree, all or nothing.

    A module whose files changed gets a new version that becomes current; enrolments
    keep pointing at the version they started (see ``modules/content/README.md``).
    """
    result = ImportResult()
    industries = {}
    for ind in tree.industries:
        industries[ind.slug], _created = Industry.objects.update_or_create(
            slug=ind.slug,
            defaults={
                "name_nb": ind.name_nb,
                "name_en": ind.name_en,
                "name_pl": ind.name_pl,
                "order": ind.order,
                "factors": ind.factors,
                "regional_safety_reps": ind.regional_safety_reps,
                "joint": ind.joint,
            },
        )
    for source in tree.modules:
        current = ModuleVersion.objects.filter(module__slug=source.slug, is_current=True).first()
        if current is not None and current.content_hash == source.content_hash:
            result.unchanged.append(source.slug)
            continue
        _create_version(source, industries)
        result.created.append(source.slug)
    return result


def _check_enrolment_choice(version: ModuleVersion, industry: Industry, role: str) -> None:
    if role not in version.roles:
        raise ValidationError(_("This module is not made for that role."), code="role")
    if not version.all_industries and not version.industries.filter(pk=industry.pk).exists():
        raise ValidationError(_("This module is not available for that industry."), code="industry")


@transaction.atomic
def enrol_learner(user, version: ModuleVersion, industry: Industry, role: str) -> Enrolment:
    """Enrol ``user`` in ``version`` for ``industry`` in ``role``'s variant.

    Enrolling again in the same module and industry returns the enrolment the learner
    already has (any version), so a double click or a second tab creates nothing new.
    """
    _check_enrolment_choice(version, industry, role)
    existing = (
        Enrolment.objects.select_for_update()
        .filter(user=user, version__module_id=version.module_id, industry=industry)
        .order_by("-enrolled_at")
        .first()
    )
    if existing is not None:
        return existing
    enrolment, created = Enrolment.objects.get_or_create(
        user=user, version=version, industry=industry, defaults={"role": role}
    )
    if created:
        record_statement(statements.registered(enrolment))
    return enrolment


@transaction.atomic
def launch_enrolment(enrolment: Enrolment) -> None:
    """The learner starts (or comes back to) the module: the xAPI "launched" event."""
    record_statement(statements.launched(enrolment))


def _complete_if_done(enrolment: Enrolment, now) -> None:
    """Complete the enrolment if every page is seen and the quiz (if any) passed.

    Decided from the database with the enrolment's row locked: three tabs opening the last
    three pages at once each count after the one before has committed, so the last of
    them completes the module, once.
    """
    locked = (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("version")
        .only("completed_at", "quiz_passed_at", "version__has_quiz", "version__page_count")
        .get(pk=enrolment.pk)
    )
    version = locked.version
    if locked.completed_at is not None:
        enrolment.completed_at = locked.completed_at
        return
    if version.has_quiz and locked.quiz_passed_at is None:
        return
    if PageView.objects.filter(enrolment_id=enrolment.pk).count() < version.page_count:
        return
    enrolment.completed_at = now
    Enrolment.objects.filter(pk=enrolment.pk).update(completed_at=now)
    record_statement(statements.completed(enrolment))


def _base_titles(enrolment: Enrolment, page: Page) -> dict[str, str]:
    content = version_content(enrolment.version_id, enrolment.version.imported_at)
    return {v.language: v.title for v in content.variants[page.pk] if not v.industry and not v.role}


@transaction.atomic
def record_page_view(enrolment: Enrolment, page: Page, language: str) -> None:
    """Mark ``page`` seen by the learner (xAPI "experienced", first time only) and complete
    the enrolment if nothing else is left.

    Two tabs opening the same new page at the same moment store one page view; each
    records its "experienced" statement.
    """
    PageView.objects.bulk_create([PageView(enrolment=enrolment, page=page)], ignore_conflicts=True)
    record_statement(
        statements.experienced(enrolment, page, _base_titles(enrolment, page), language)
    )
    _complete_if_done(enrolment, timezone.now())


@transaction.atomic
def record_quiz_passed(enrolment: Enrolment) -> None:
    """Note that the learner passed the module's quiz; complete the module if all pages are seen."""
    now = timezone.now()
    if enrolment.quiz_passed_at is None:
        enrolment.quiz_passed_at = now
        Enrolment.objects.filter(pk=enrolment.pk).update(quiz_passed_at=now)
    _complete_if_done(enrolment, now)
