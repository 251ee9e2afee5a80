"""Fixtures of the import pages' browser tests: a map with a layer owned by ``users["owner"]``, uploads kept in a
temporary folder."""

import pytest

from layers.services.layers import create_layer
from mapping.models import Map


@pytest.fixture
def lights_layer(users, junggu):
    """A safety map of 중구 owned by ``users["owner"]``, with one open layer."""
    map_ = Map.objects.create(title="중구 가로등 지도", kind="safety", district=junggu, owner=users["owner"])
    return create_layer(map_, {"name": "가로등"})


@pytest.fixture(autouse=True)
def uploads(settings, tmp_path):
    settings.IMPORT_UPLOAD_ROOT = tmp_path / "uploads"
