"""Writes for certificates: issuing on completion, renewing through a refresher, revoking,
and marking a refresher recommended after a new major content version."""

from calendar import monthrange
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from certificates.models import Certificate
from modules.models import Enrolment, ModuleVersion
from tracking import statements
from tracking.actions import record_statement


def add_months(day: date, months: int) -> date:
    """The same day ``months`` calendar months later (the month's last day if shorter)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, monthrange(year, month)[1]))


def _certified_version(enrolment: Enrolment) -> ModuleVersion:
    """What the completion certifies: the module itself, or for a refresher the module it
    refreshes (its current version)."""
    version = enrolment.version
    if version.refreshes:
        target = (
            ModuleVersion.objects.select_related("module")
            .filter(module__slug=version.refreshes, is_current=True)
            .first()
        )
        if target is not None:
            return target
    return version


def _new_certificate(enrolment: Enrolment, certified: ModuleVersion) -> Certificate:
    user = enrolment.user
    issued_on = timezone.localdate(enrolment.completed_at or timezone.now())
    months = certified.validity_months or enrolment.version.validity_months
    for _try in range(5):  # a clash of two random codes is astronomically rare; retry it
        try:
            with transaction.atomic():
                return Certificate.objects.create(
                    user=user,
                    enrolment=enrolment,
                    module=certified.module,
                    version=certified,
                    industry=enrolment.industry,
                    holder_name=user.display_name or user.get_short_name(),
                    language=user.language or "nb",
                    module_title=certified.title,
                    version_label=certified.label,
                    industry_names=enrolment.industry.names,
                    minutes=enrolment.version.minutes,
                    issued_on=issued_on,
                    expires_on=add_months(issued_on, months) if months else None,
                )
        except IntegrityError:
            if Certificate.objects.filter(enrolment=enrolment).exists():
                raise
    raise IntegrityError("no free verification code")


@transaction.atomic
def issue_certificate(enrolment: Enrolment) -> Certificate:
    """The certificate for a completed ``enrolment``: made once, returned again after.

    Called in the completion's transaction (``modules.hooks``), under the enrolment's
    lock, so two tabs completing at once still make one. A refresher's completion makes
    a new certificate for the refreshed module; the holder's earlier ones in force stay,
    marked "renewed".
    """
    existing = Certificate.objects.filter(enrolment_id=enrolment.pk).first()
    if existing is not None:
        return existing
    enrolment = Enrolment.objects.select_related("user", "industry", "version__module").get(
        pk=enrolment.pk
    )
    certified = _certified_version(enrolment)
    certificate = _new_certificate(enrolment, certified)
    record_statement(statements.certificate_earned(certificate))
    earlier = (
        Certificate.objects.select_for_update()
        .filter(
            user=enrolment.user,
            module=certified.module,
            revoked_at=None,
            renewed_by=None,
        )
        .exclude(pk=certificate.pk)
    )
    for old in earlier:
        old.renewed_by = certificate
        old.save(update_fields=["renewed_by"])
        record_statement(statements.certificate_renewed(old, certificate))
    return certificate


def issue_on_completion(enrolment: Enrolment) -> None:
    """The completion listener (registered in ``CertificatesConfig.ready()``)."""
    issue_certificate(enrolment)


@transaction.atomic
def revoke_certificate(certificate_id: int, reason: str, *, acting_user) -> Certificate:
    """Staff withdraw a certificate, with a reason; its verify page then says "revoked"."""
    if acting_user is None or not (acting_user.is_active and acting_user.is_staff):
        raise PermissionDenied
    reason = " ".join((reason or "").split())[:300]
    if not reason:
        raise ValueError("a reason is required")
    certificate = Certificate.objects.select_for_update().get(pk=certificate_id)
    if certificate.revoked_at is None:
        certificate.revoked_at = timezone.now()
        certificate.revoked_reason = reason
        certificate.revoked_by = acting_user
        certificate.save(update_fields=["revoked_at", "revoked_reason", "revoked_by"])
        record_statement(statements.certificate_revoked(certificate))
    return certificate


def recommend_refresher(version: ModuleVersion, previous: ModuleVersion | None) -> int:
    """The new-version listener: a new *major* version marks the certificates in force
    from earlier majors "refresher recommended" (in the import's transaction)."""
    if previous is None or version.major <= previous.major:
        return 0
    return Certificate.objects.filter(
        module_id=version.module_id,
        version__major__lt=version.major,
        revoked_at=None,
        renewed_by=None,
        refresher_recommended_at=None,
    ).update(refresher_recommended_at=timezone.now())
