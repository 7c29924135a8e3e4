from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TeamsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "teams"
    verbose_name = _("Teams")

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import pre_delete

        from teams.actions import release_seats_of

        # A filled seat must name its member; deleting the account reopens the seat.
        pre_delete.connect(
            lambda sender, instance, **kwargs: release_seats_of(instance),
            sender=get_user_model(),
            weak=False,
            dispatch_uid="teams_release_seats",
        )
