from django.apps import AppConfig


class BaseConfig(AppConfig):
    name = "base"
    label = "base"
    verbose_name = "Base"
