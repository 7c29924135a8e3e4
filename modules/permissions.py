"""Who may see what in the player. Enrolments are private to their learner."""

from django.db.models import F
from django.http import Http404

from modules.models import Enrolment
from modules.versioncache import version_content


def enrolments_visible_to(user):
    if not user.is_authenticated:
        return Enrolment.objects.none()
    return Enrolment.objects.filter(user=user)


def access_enrolment(user, enrolment_id: int) -> Enrolment:
    """The learner's own enrolment, or 404 (never reveal that another's exists)."""
    enrolment = (
        enrolments_visible_to(user)
        .select_related("industry")
        .annotate(version_imported_at=F("version__imported_at"))
        .filter(pk=enrolment_id)
        .first()
    )
    if enrolment is None:
        raise Http404
    enrolment.user = user  # the filter above made sure; saves loading it again
    # The version's content comes from memory: it never changes after import.
    enrolment.version = version_content(enrolment.version_id, enrolment.version_imported_at).version
    return enrolment
