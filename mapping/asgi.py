"""ASGI entry point (uvicorn or granian mapping.asgi:application)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mapping.settings")
application = get_asgi_application()
