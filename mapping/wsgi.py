"""WSGI entry point (gunicorn mapping.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mapping.settings")
application = get_wsgi_application()
