"""Django app configuration for ``imports``."""

from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "imports"
    verbose_name = "Imports and exports"
