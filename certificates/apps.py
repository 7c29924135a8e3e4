from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self) -> None:
        from base import personal_data
        from certificates.selectors import personal_data as section

        personal_data.register("certificates", section)

        from certificates.actions import issue_on_completion, recommend_refresher
        from modules import hooks

        # Issued in the completion's transaction; marked at the import of a new major.
        hooks.on_completion(issue_on_completion)
        hooks.on_new_version(recommend_refresher)
