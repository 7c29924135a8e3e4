from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrackingConfig(AppConfig):
    name = "tracking"
    verbose_name = _("Tracking (xAPI)")

    def ready(self) -> None:
        # Their part of the person's own data download (base/personal_data.py).
        from base import personal_data
        from tracking.selectors import personal_data as section

        personal_data.register("tracking", section)
