"""Django app configuration for ``tiles``."""

from django.apps import AppConfig


class TilesConfig(AppConfig):
    name = "tiles"
    verbose_name = "Vector tiles"
