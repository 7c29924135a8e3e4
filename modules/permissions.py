"""Who may see what in the player. Enrolments are private to their learner."""

from django.http import Http404

from modules.models import Enrolment


def enrolments_visible_to(user):
    if not user.is_authenticated:
        return Enrolment.objects.none()
    return Enrolment.objects.filter(user=user)


def access_enrolment(user, enrolment_id: int) -> Enrolment:
    """The learner's own enrolment, or 404 (never reveal that another's exists)."""
    enrolment = (
        enrolments_visible_to(user)
        .select_related("version__module", "industry")
        .filter(pk=enrolment_id)
        .first()
    )
    if enrolment is None:
        raise Http404
    return enrolment
