"""Refreshers: a certificate expiring (60 and 14 days before, and on the day), and a new
major version of its module (a refresher recommended).

The selection reads certificates in force (not revoked, not renewed) through
``certificates``' partial indexes; these kinds live here because the engine is above
``certificates`` in the layers (``certificates`` cannot import it).
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from certificates import selectors
from reminders.builtin.common import WINDOW, subject_id
from reminders.kinds import Due, Part

DAYS_BEFORE = (60, 14, 0)


def _certificate(reminder):
    return selectors.in_force(subject_id(reminder), reminder.user_id)


def _refresher_path(certificate) -> str:
    """The refresher module's page if there is one, else the module's own."""
    slug = selectors.refresher_slug(certificate.module.slug) or certificate.module.slug
    return reverse("module_detail", args=[slug])


class RefresherDue:
    name = "refresher_due"
    label = gettext_lazy("A certificate that is about to expire")

    def find_due(self, now):
        today = timezone.localdate(now)
        for days in DAYS_BEFORE:
            until = today + timedelta(days=days)
            for certificate in selectors.in_force_expiring(until - WINDOW, until):
                yield Due(
                    f"certificate:{certificate.pk}",
                    certificate.expires_on - timedelta(days=days),
                    user=certificate.user,
                    detail={"days": days},
                )

    def still_wanted(self, reminder) -> bool:
        return _certificate(reminder) is not None

    def part(self, reminder) -> Part:
        certificate = _certificate(reminder)
        if certificate is None:
            return Part(subject="", text="", action="", path="/")
        names = {
            "module": certificate.title_text,
            "date": formats.date_format(certificate.expires_on, "DATE_FORMAT"),
        }
        if reminder.detail.get("days", 0):
            subject = _("Your certificate for “%(module)s” expires on %(date)s")
            text = _(
                "Your certificate for “%(module)s” is valid until %(date)s. Take the "
                "refresher before then to renew it; your earlier certificate stays in "
                "your history."
            )
        else:
            subject = _("Your certificate for “%(module)s” expires today")
            text = _(
                "Your certificate for “%(module)s” expires today, %(date)s. Take the "
                "refresher to renew it."
            )
        return Part(
            subject=subject % names,
            text=text % names,
            action=_("Take the refresher"),
            path=_refresher_path(certificate),
        )


class RefresherRecommended:
    name = "refresher_recommended"
    label = gettext_lazy("A refresher after a module changed a lot")

    def find_due(self, now):
        for certificate in selectors.recommended_since(now - WINDOW, now):
            yield Due(
                f"certificate:{certificate.pk}",
                timezone.localdate(certificate.refresher_recommended_at),
                user=certificate.user,
            )

    def still_wanted(self, reminder) -> bool:
        return _certificate(reminder) is not None

    def part(self, reminder) -> Part:
        certificate = _certificate(reminder)
        if certificate is None:
            return Part(subject="", text="", action="", path="/")
        names = {"module": certificate.title_text}
        return Part(
            subject=_("“%(module)s” has changed: a refresher is recommended") % names,
            text=_(
                "The module “%(module)s” has a new edition with important changes since "
                "you earned your certificate. A refresher is recommended."
            )
            % names,
            action=_("Take the refresher"),
            path=_refresher_path(certificate),
        )
