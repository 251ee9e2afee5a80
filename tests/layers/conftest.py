"""Fixtures for the report workflow: a safety map of 중구 whose hazard layer the district handles,
reports created through the services, and background tasks run at once."""

import pytest

from layers.models import Moderation
from layers.services.features import create_feature
from layers.services.layers import create_layer
from mapping.models import Map


@pytest.fixture
def immediate_tasks(settings):
    """Tasks run when enqueued (after commit), so notifications land in the inbox within the test."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def safety_map(users, junggu):
    return Map.objects.create(
        title="중구 안전지도", kind="safety", district=junggu, owner=users["owner"], visibility="public"
    )


@pytest.fixture
def hazards(safety_map):
    """A pre-moderated layer of the default safety categories, handled by the district."""
    return create_layer(safety_map, {"name": "위험 요소", "moderation": Moderation.PRE_MODERATED, "workflow": True})


@pytest.fixture
def open_hazards(safety_map):
    """The same, published at once (no pre-moderation)."""
    return create_layer(safety_map, {"name": "바로 공개", "workflow": True})


def point(lon=126.99, lat=37.56):
    return {"type": "Point", "coordinates": [lon, lat]}


def new_report(layer, author, *, category="dark-alley", lon=126.99, lat=37.56, title="어두운 골목"):
    return create_feature(author, layer, {"geometry": point(lon, lat), "category": category, "title": title})
