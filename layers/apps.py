"""Django app configuration for ``layers``."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class LayersConfig(AppConfig):
    name = "layers"
    verbose_name = "Layers and features"

    def ready(self):
        from . import category_revision, signals  # noqa: F401  (connect tile revisions and the photo file clean-up)
        from .default_reasons import write_default_reasons

        post_migrate.connect(write_default_reasons, sender=self, dispatch_uid="layers.default_reasons")
