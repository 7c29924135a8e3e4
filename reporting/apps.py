from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Reports")

    def ready(self):
        from reporting import lrs
        from tracking.lrs import scopes

        scopes.on_resolve(lrs.resolve)
        scopes.on_bind(lrs.bind)
