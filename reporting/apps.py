from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Reports")

    def ready(self):
        from base import personal_data
        from reporting import lrs
        from reporting.selectors import personal_data as section
        from tracking.lrs import scopes

        scopes.on_resolve(lrs.resolve)
        scopes.on_bind(lrs.bind)
        # The person's API tokens (names and dates) in their data download.
        personal_data.register("reporting", section)
