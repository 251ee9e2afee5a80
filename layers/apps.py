"""Django app configuration for ``layers``."""

from django.apps import AppConfig


class LayersConfig(AppConfig):
    name = "layers"
    verbose_name = "Layers and features"
