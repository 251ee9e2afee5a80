"""Django app configuration for ``mapping``."""

from django.apps import AppConfig


class MappingConfig(AppConfig):
    name = "mapping"
    verbose_name = "Core: districts, accounts and roles, theme maps"
