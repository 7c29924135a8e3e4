from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "organisations"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        # Their part of the person's own data download (base/personal_data.py).
        from base import personal_data
        from organisations.selectors import personal_data as section

        personal_data.register("organisations", section)
