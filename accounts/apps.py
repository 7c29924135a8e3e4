from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        # Their part of the person's own data download (base/personal_data.py).
        from accounts.selectors import personal_data as section
        from base import personal_data

        personal_data.register("accounts", section)
