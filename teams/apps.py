from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TeamsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "teams"
    verbose_name = _("Teams")

    def ready(self) -> None:
        # Their part of the person's own data download (base/personal_data.py).
        from base import personal_data
        from teams.selectors import personal_data as section

        personal_data.register("teams", section)
