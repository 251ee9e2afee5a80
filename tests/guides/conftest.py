"""Fixtures of guides and participation: a guide author, a safety map of 중구 with its hazard layer, a
campaign over a known square of it, and helpers to place reports at known spots and times."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Permission
from django.contrib.gis.geos import MultiPolygon, Point, Polygon

from guides.models import Campaign
from layers.models import Feature, FeatureStatus
from layers.services.layers import create_layer
from mapping.models import Map
from tests.conftest import make_user

SEOUL = ZoneInfo("Asia/Seoul")
# A square of 중구 in EPSG:5186 metres: x 198 000–198 400, y 551 000–551 400, i.e. 4 × 4 cells of 100 m.
SQUARE_5186 = (198_000, 551_000, 198_400, 551_400)


def square_area():
    square = Polygon.from_bbox(SQUARE_5186)
    square.srid = 5186
    square.transform(4326)
    return MultiPolygon(square, srid=4326)


def lonlat(x, y):
    """The lon/lat of the EPSG:5186 point (x, y)."""
    point = Point(x, y, srid=5186)
    point.transform(4326)
    return point


@pytest.fixture
def author(db):
    user = make_user("guide-author")
    user.user_permissions.add(Permission.objects.get(codename="author_guides"))
    return user


@pytest.fixture
def safety_map(users, junggu):
    map_ = Map.objects.create(title="중구 안전지도", kind="safety", district=junggu, owner=users["owner"])
    map_.editors.add(users["editor"])
    return map_


@pytest.fixture
def hazards(safety_map):
    return create_layer(safety_map, {"name": "위험 요소", "workflow": True})


@pytest.fixture
def campaign(safety_map, hazards, users):
    return Campaign.objects.create(
        map=safety_map,
        title="필동 밤길",
        goal="어두운 골목 모두 찾기",
        organiser="중구 안전총괄과",
        district=safety_map.district,
        area=square_area(),
        starts=date(2026, 5, 1),
        ends=date(2026, 5, 3),
        cell_metres=100,
        created_by=users["reviewer"],
    )


def report(layer, author, x, y, *, day, hour=12, status=FeatureStatus.PUBLISHED, category="dark-alley"):
    """A report at EPSG:5186 (x, y), created on ``day`` (a date) at ``hour`` Seoul time."""
    feature = Feature.objects.create(
        layer=layer,
        geometry=lonlat(x, y),
        category=layer.categories.get(key=category),
        title="어두운 골목",
        author=author,
        status=status,
        district=layer.map.district,
    )
    created = datetime.combine(day, time(hour), tzinfo=SEOUL)
    Feature.objects.filter(pk=feature.pk).update(created=created)
    return feature
