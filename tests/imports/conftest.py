"""Fixtures of the import and export tests: a public map of 중구 with a layer that has extra fields."""

import pytest

from layers.models import Moderation
from layers.services.layers import create_layer
from mapping.models import Map

LAYER_FIELDS = [
    {"key": "code", "label": "코드", "type": "text"},
    {"key": "dong", "label": "행정동", "type": "text"},
    {"key": "lamps", "label": "등 개수", "type": "number"},
    {"key": "working", "label": "작동", "type": "boolean"},
]


@pytest.fixture
def city_map(users, junggu):
    return Map.objects.create(title="중구 생활지도", kind="safety", district=junggu, owner=users["owner"])


@pytest.fixture
def layer(city_map):
    """An open layer (published at once) of the safety categories, with four extra fields."""
    return create_layer(city_map, {"name": "가로등", "fields": LAYER_FIELDS})


@pytest.fixture
def moderated_layer(city_map):
    return create_layer(city_map, {"name": "검토 후 공개", "moderation": Moderation.PRE_MODERATED})


@pytest.fixture
def immediate_tasks(settings):
    """Background tasks run as soon as they are enqueued (after the commit)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def upload_root(settings, tmp_path):
    settings.IMPORT_UPLOAD_ROOT = tmp_path / "uploads"
    return settings.IMPORT_UPLOAD_ROOT
