"""A web process carries the web app, not the simulation and 3D machinery: numba, scipy, matplotlib,
rasterio and trimesh are imported by the worker's tasks and by the few views that need them, when
they run — not when the URLs and API routers load (each gunicorn worker would carry them otherwise)."""

import json
import subprocess
import sys

HEAVY = ["numba", "scipy", "matplotlib", "rasterio", "trimesh"]
PROBE = """
import json, os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mapping.settings")
import django
django.setup()
from django.urls import resolve
resolve("/")
print(json.dumps([name for name in %r if name in sys.modules]))
"""


def test_loading_every_url_and_api_router_leaves_the_heavy_libraries_out():
    found = subprocess.run(
        [sys.executable, "-c", PROBE % HEAVY], check=True, capture_output=True, text=True
    ).stdout.strip()
    assert json.loads(found.splitlines()[-1]) == []
