"""Reads for certificates: the learner's list, a code's verification, a team's seats and
the refresher reminders' due certificates (through the partial indexes)."""

from datetime import date, datetime

from django.db.models import Q

from certificates.codes import normalise
from certificates.models import Certificate
from modules.models import ModuleVersion


def by_code(raw: str) -> Certificate | None:
    """The certificate a typed code names (any case, spaces and dashes ignored), or None
    for a code that is unknown or cannot be one."""
    code = normalise(raw)
    if code is None:
        return None
    return Certificate.objects.select_related("renewed_by").filter(code=code).first()


def for_user(user) -> list[Certificate]:
    return list(Certificate.objects.filter(user=user).select_related("renewed_by"))


def owned(user, public_id) -> Certificate | None:
    return Certificate.objects.filter(user=user, public_id=public_id).first()


def for_enrolment(enrolment) -> Certificate | None:
    return Certificate.objects.filter(enrolment_id=enrolment.pk).first()


def latest_by_holder(user_ids, module_ids) -> dict[tuple[int, int], Certificate]:
    """Each person's newest certificate per module, not revoked: ``(user_id, module_id)``."""
    rows = Certificate.objects.filter(
        user_id__in=list(user_ids), module_id__in=list(module_ids), revoked_at=None
    ).order_by("issued_on", "pk")
    return {(c.user_id, c.module_id): c for c in rows}


def in_force_expiring(after: date, until: date):
    """Certificates in force (not revoked, not renewed) expiring in (after, until]."""
    return Certificate.objects.filter(
        revoked_at=None,
        renewed_by=None,
        expires_on__gt=after,
        expires_on__lte=until,
        user__is_active=True,
    ).select_related("user")


def recommended_since(after: datetime, until: datetime):
    """Certificates in force marked "refresher recommended" in (after, until]."""
    return Certificate.objects.filter(
        revoked_at=None,
        renewed_by=None,
        refresher_recommended_at__gt=after,
        refresher_recommended_at__lte=until,
        user__is_active=True,
    ).select_related("user")


def in_force(pk: int, user_id: int) -> Certificate | None:
    return (
        Certificate.objects.select_related("module")
        .filter(pk=pk, user_id=user_id, revoked_at=None, renewed_by=None)
        .first()
    )


def refresher_slug(module_slug: str) -> str | None:
    """The slug of a current module that refreshes ``module_slug``, if any."""
    return (
        ModuleVersion.objects.filter(refreshes=module_slug, is_current=True)
        .values_list("module__slug", flat=True)
        .first()
    )


def to_refresh(user, until: date) -> list[Certificate]:
    """The holder's certificates in force (not revoked, not renewed) that a refresher
    should renew now: expiring on or before ``until`` (or expired), or marked
    "refresher recommended"."""
    return list(
        Certificate.objects.filter(user=user, revoked_at=None, renewed_by=None)
        .filter(Q(expires_on__lte=until) | Q(refresher_recommended_at__isnull=False))
        .select_related("module")
        .order_by("expires_on", "pk")
    )


def personal_data(user) -> dict:
    rows = Certificate.objects.filter(user=user).select_related("module").order_by("issued_on")
    return {
        "certificates": [
            {
                "module": c.module.slug,
                "version": c.version_label,
                "code": c.code,
                "holder_name": c.holder_name,
                "issued_on": c.issued_on,
                "expires_on": c.expires_on,
                "revoked_at": c.revoked_at,
                "revoked_reason": c.revoked_reason,
            }
            for c in rows
        ]
    }
