"""Writes about organisations and affiliations.

No xAPI statement is recorded for an affiliation: statements may be forwarded to an
outside record store, and an affiliation to a union is union membership.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from organisations.models import Affiliation, Organisation


@transaction.atomic
def join_organisation(
    user, organisation: Organisation, *, consent: bool, share_name: bool = False
) -> Affiliation:
    """The learner says they belong to ``organisation``: only with explicit consent."""
    if not user.is_authenticated:
        raise PermissionDenied
    if not consent:
        raise ValidationError(
            _("Tick the box to agree, or leave the organisation out."), code="consent"
        )
    if not organisation.open_to_learners:
        raise ValidationError(_("You can't choose this organisation."), code="closed")
    now = timezone.now()
    affiliation, created = Affiliation.objects.get_or_create(
        user=user,
        organisation=organisation,
        defaults={
            "consented_at": now,
            "share_name": share_name,
            "share_name_at": now if share_name else None,
        },
    )
    if not created and affiliation.share_name != share_name:
        _set_share_name(affiliation, share_name, now)
    return affiliation


@transaction.atomic
def leave_organisation(user, organisation: Organisation) -> bool:
    """Withdraws the consent: the affiliation is deleted, and from now on the learner
    counts only in totals. Returns whether there was one."""
    deleted, _rows = Affiliation.objects.filter(user=user, organisation=organisation).delete()
    return bool(deleted)


@transaction.atomic
def set_name_sharing(user, organisation: Organisation, *, share: bool) -> Affiliation:
    affiliation = (
        Affiliation.objects.select_for_update().filter(user=user, organisation=organisation).first()
    )
    if affiliation is None:
        raise ValidationError(_("You have not said you belong to this organisation."))
    _set_share_name(affiliation, share, timezone.now())
    return affiliation


def _set_share_name(affiliation: Affiliation, share: bool, now) -> None:
    affiliation.share_name = share
    affiliation.share_name_at = now if share else None
    affiliation.save(update_fields=["share_name", "share_name_at"])
