"""Django app configuration for ``guides``."""

from django.apps import AppConfig


class GuidesConfig(AppConfig):
    name = "guides"
    verbose_name = "Guides and participation"
