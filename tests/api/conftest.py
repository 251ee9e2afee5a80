"""Fixtures for API tests: a JSON client per user, and a scenario of maps, layers and features."""

import json

import pytest
from django.contrib.gis.geos import Point
from django.test import Client

from layers.models import Feature, FeatureStatus, Moderation
from layers.services.layers import create_layer
from mapping.models import ApiToken, Map


class ApiClient:
    """Calls /api/v1 as one user (bearer token) or anonymously, sending and reading JSON."""

    def __init__(self, user=None):
        self.client = Client()
        self.headers = {}
        if user is not None:
            self.headers["Authorization"] = f"Bearer {ApiToken.issue(user)}"

    def call(self, method, path, body=None, **headers):
        kwargs = {"headers": {**self.headers, **headers}}
        if body is not None:
            kwargs["data"] = json.dumps(body)
            kwargs["content_type"] = "application/json"
        return getattr(self.client, method.lower())(f"/api/v1{path}", **kwargs)

    def get(self, path, **headers):
        return self.call("GET", path, **headers)

    def post(self, path, body=None, **headers):
        return self.call("POST", path, body, **headers)

    def put(self, path, body=None, **headers):
        return self.call("PUT", path, body, **headers)

    def patch(self, path, body=None, **headers):
        return self.call("PATCH", path, body, **headers)

    def delete(self, path, **headers):
        return self.call("DELETE", path, **headers)


@pytest.fixture
def api_as(db):
    """``api_as(user)`` → ApiClient for that user; ``api_as(None)`` → anonymous."""
    return ApiClient


def point_feature(category="dark-alley", lon=126.99, lat=37.56, title="어두운 골목길", **properties):
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": {"category": category, "title": title, **properties},
    }


def add_feature(layer, author, status=FeatureStatus.PUBLISHED, lon=126.99, lat=37.56, title="가로등 고장"):
    return Feature.objects.create(
        layer=layer,
        geometry=Point(lon, lat, srid=4326),
        category=layer.categories.get(key="dark-alley"),
        title=title,
        author=author,
        status=status,
        district=layer.map.district,
    )


@pytest.fixture
def scenario(users, junggu):
    """A public safety map (pre-moderated layer), a private and an unlisted map, with features.

    ``published`` and ``pending`` were drawn by the resident in 중구; ``private_feature``
    by the owner on the private map.
    """
    owner, editor, resident = users["owner"], users["editor"], users["resident"]

    def new_map(title, visibility):
        map_ = Map.objects.create(title=title, kind="safety", owner=owner, visibility=visibility, district=junggu)
        map_.editors.add(editor)
        return map_

    public = new_map("중구 안전지도", "public")
    private = new_map("비공개 지도", "private")
    unlisted = new_map("링크 공유 지도", "unlisted")
    layer = create_layer(public, {"name": "위험 제보", "moderation": Moderation.PRE_MODERATED})
    private_layer = create_layer(private, {"name": "비공개 레이어"})
    create_layer(unlisted, {"name": "링크 레이어"})
    return {
        "public": public,
        "private": private,
        "unlisted": unlisted,
        "layer": layer,
        "private_layer": private_layer,
        "published": add_feature(layer, resident, title="공개 제보"),
        "pending": add_feature(layer, resident, FeatureStatus.PENDING, title="검토 중 제보"),
        "private_feature": add_feature(private_layer, owner, title="비공개 제보"),
    }


def assert_json_error(response, *statuses):
    """The response is one of ``statuses`` with a JSON body whose ``detail`` is a non-empty message."""
    assert response.status_code in statuses, (response.status_code, response.content[:500])
    assert response["Content-Type"].startswith("application/json")
    detail = response.json()["detail"]
    assert isinstance(detail, str) and detail
    return detail
