"""Django app configuration for ``digital_twin``."""

from django.apps import AppConfig


class DigitalTwinConfig(AppConfig):
    name = "digital_twin"
    verbose_name = "Digital twin"
