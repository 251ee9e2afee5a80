"""Django app configuration for ``layers``."""

from django.apps import AppConfig


class LayersConfig(AppConfig):
    name = "layers"
    verbose_name = "Layers and features"

    def ready(self):
        from . import signals  # noqa: F401  (connects the photo file clean-up)
