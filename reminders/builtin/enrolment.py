"""A module started and not finished: no activity for 7 days, then again after 14; at
most two nudges per enrolment."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from modules.models import Enrolment
from reminders.builtin.common import WINDOW, existing_due_dates, subject_id
from reminders.kinds import Due, Part

AFTER_DAYS = (7, 14)
MAX_NUDGES = 2


class StalledEnrolment:
    name = "stalled_enrolment"
    label = gettext_lazy("A module you started and have not finished")

    def find_due(self, now):
        found = []
        for days in AFTER_DAYS:
            upper = now - timedelta(days=days)
            found += [
                (enrolment, days)
                for enrolment in Enrolment.objects.filter(
                    completed_at__isnull=True,
                    last_active_at__lte=upper,
                    last_active_at__gt=upper - WINDOW,
                    user__is_active=True,
                )
                .select_related("user")
                .order_by()
            ]
        made = existing_due_dates(self.name, [f"enrolment:{e.pk}" for e, _d in found])
        for enrolment, days in found:
            key = f"enrolment:{enrolment.pk}"
            due_on = timezone.localdate(enrolment.last_active_at + timedelta(days=days))
            earlier = made.setdefault(key, set())
            if due_on in earlier or len(earlier) >= MAX_NUDGES:
                continue
            earlier.add(due_on)
            yield Due(key, due_on, user=enrolment.user, detail={"days": days})

    def _enrolment(self, reminder):
        return (
            Enrolment.objects.select_related("version")
            .filter(pk=subject_id(reminder), user_id=reminder.user_id)
            .first()
        )

    def still_wanted(self, reminder) -> bool:
        enrolment = self._enrolment(reminder)
        return (
            enrolment is not None
            and enrolment.completed_at is None
            and enrolment.last_active_at <= timezone.now() - timedelta(days=AFTER_DAYS[0])
        )

    def part(self, reminder) -> Part:
        enrolment = self._enrolment(reminder)
        title = enrolment.version.title_text if enrolment else ""
        days = reminder.detail.get("days", AFTER_DAYS[0])
        return Part(
            subject=_("Continue “%(module)s”") % {"module": title},
            text=_(
                "You started the module “%(module)s” and have not been back for %(days)d "
                "days. You continue where you left off."
            )
            % {"module": title, "days": days},
            action=_("Continue the module"),
            path=reverse("learn_continue", args=[subject_id(reminder)]),
        )
