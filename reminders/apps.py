from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    name = "reminders"
    verbose_name = _("Reminders")

    def ready(self) -> None:
        from base import personal_data
        from reminders.selectors import personal_data as section

        personal_data.register("reminders", section)

        from reminders import kinds
        from reminders.builtin import (
            CheckInDue,
            OpenInvitation,
            RefresherDue,
            RefresherRecommended,
            StalledEnrolment,
        )

        kinds_ = (
            StalledEnrolment(),
            OpenInvitation(),
            CheckInDue(),
            RefresherDue(),
            RefresherRecommended(),
        )
        for kind in kinds_:
            kinds.register(kind)
