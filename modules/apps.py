from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModulesConfig(AppConfig):
    name = "modules"
    verbose_name = _("Modules")

    def ready(self) -> None:
        # Their part of the person's own data download (base/personal_data.py).
        from base import personal_data
        from modules.selectors import personal_data as section

        personal_data.register("modules", section)
