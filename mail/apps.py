from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailConfig(AppConfig):
    name = "mail"
    label = "mail"
    verbose_name = _("E-mail")

    def ready(self) -> None:
        # Their part of the person's own data download (base/personal_data.py).
        from base import personal_data
        from mail.selectors import personal_data as section

        personal_data.register("mail", section)
