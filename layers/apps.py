"""Django app configuration for ``layers``."""

from django.apps import AppConfig


class LayersConfig(AppConfig):
    name = "layers"
    verbose_name = "Layers and features"

    def ready(self):
        from . import category_revision, signals  # noqa: F401  (connect tile revisions and the photo file clean-up)
