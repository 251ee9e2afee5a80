"""Geometry checks as the API applies them: 400 with a readable reason, repairs stored valid in PostGIS.

The unit tests of ``clean_geometry`` are in tests/layers/test_geometry.py; these
check that the API wires it to each map's rules (Korea only unless the map
allows the world, the vertex limit from settings) and to what PostGIS stores.
"""

import json

import pytest
from django.test import Client

from layers.models import Feature
from layers.services.layers import create_layer
from mapping.models import Map

from .conftest import ApiClient


def ring(*points):
    return [list(point) for point in (*points, points[0])]


BOW_TIE = {"type": "Polygon", "coordinates": [ring((126.97, 37.55), (126.98, 37.56), (126.98, 37.55), (126.97, 37.56))]}
SPIKE = {
    "type": "Polygon",
    "coordinates": [
        ring((126.97, 37.55), (126.98, 37.55), (126.98, 37.56), (126.98, 37.57), (126.98, 37.56), (126.97, 37.56))
    ],
}
TOKYO = {"type": "Point", "coordinates": [139.6917, 35.6895]}


def body(geometry, title="지오메트리 시험"):
    return {"type": "Feature", "geometry": geometry, "properties": {"category": "other", "title": title}}


def line(count):
    return {"type": "LineString", "coordinates": [[126.96 + i * 5e-6, 37.55 + i * 2e-6] for i in range(count)]}


@pytest.fixture
def layer(scenario):
    """An open layer on the public 중구 map (Korea only)."""
    return create_layer(scenario["public"], {"name": "도형 시험"})


@pytest.fixture
def world_layer(users):
    """An open layer on a map that allows features outside Korea."""
    map_ = Map.objects.create(title="해외 답사", kind="other", owner=users["owner"], allow_outside_korea=True)
    return create_layer(map_, {"name": "세계"})


@pytest.fixture
def client(users):
    """The resident's client; a server error comes back as a 500 response, not an exception."""
    api = ApiClient(users["resident"])
    api.client = Client(raise_request_exception=False)
    return api


def post(client, layer, geometry):
    return client.post(f"/layers/{layer.pk}/features", body(geometry))


def refused(response, *statuses):
    statuses = statuses or (400,)
    assert response.status_code in statuses, (response.status_code, response.content[:500])
    assert response["Content-Type"].startswith("application/json")
    return response.json()["detail"]


def test_bow_tie_is_400_naming_the_self_intersection(layer, client):
    detail = refused(post(client, layer, BOW_TIE))
    assert "Self-intersection" in detail
    assert not Feature.objects.filter(layer=layer).exists()


def test_spike_is_repaired_and_stored_valid(layer, client):
    response = post(client, layer, SPIKE)
    assert response.status_code == 201, response.content
    feature_id = response.json()["id"]
    assert Feature.objects.filter(pk=feature_id, geometry__isvalid=True).exists()
    stored = Feature.objects.get(pk=feature_id).geometry
    assert stored.valid
    assert stored.geom_type == "Polygon"
    # The spike is gone: the polygon is the square, 0.01° on each side, reaching no further north than 37.56.
    assert stored.extent == pytest.approx((126.97, 37.55, 126.98, 37.56))
    assert stored.area == pytest.approx(1e-4)
    assert max(lat for _, lat in response.json()["geometry"]["coordinates"][0]) == pytest.approx(37.56)


def test_bow_tie_on_patch_changes_nothing(layer, client):
    created = post(client, layer, {"type": "Point", "coordinates": [126.975, 37.555]})
    feature_id = created.json()["id"]
    response = client.patch(f"/features/{feature_id}", {"geometry": BOW_TIE}, **{"If-Match": created["ETag"]})
    assert "Self-intersection" in refused(response)
    feature = Feature.objects.get(pk=feature_id)
    assert (feature.geometry.geom_type, feature.version) == ("Point", 1)


@pytest.mark.parametrize(
    "geometry",
    [
        {"type": "Point", "coordinates": []},
        {"type": "LineString", "coordinates": []},
        {"type": "Polygon", "coordinates": []},
    ],
    ids=["Point", "LineString", "Polygon"],
)
def test_empty_geometry_is_400(geometry, layer, client):
    assert "empty" in refused(post(client, layer, geometry))


def test_ten_thousand_vertices_are_accepted(layer, client):
    response = post(client, layer, line(10_000))
    assert response.status_code == 201, response.content[:300]
    assert Feature.objects.get(pk=response.json()["id"]).geometry.num_points == 10_000


def test_ten_thousand_and_one_vertices_are_400(layer, client):
    detail = refused(post(client, layer, line(10_001)))
    assert "10,001" in detail and "10,000" in detail
    assert not Feature.objects.filter(layer=layer).exists()


def test_vertex_limit_follows_the_setting(layer, client, settings):
    settings.FEATURE_MAX_VERTICES = 50
    assert "50" in refused(post(client, layer, line(51)))
    assert post(client, layer, line(50)).status_code == 201


def test_tokyo_is_400_on_a_korean_map(layer, client):
    assert "Korea" in refused(post(client, layer, TOKYO))


def test_tokyo_is_accepted_where_the_map_allows_it(world_layer, client):
    response = post(client, world_layer, TOKYO)
    assert response.status_code == 201, response.content
    assert response.json()["geometry"]["coordinates"] == pytest.approx([139.6917, 35.6895])
    assert response.json()["properties"]["district"] is None


def test_allowing_the_world_later_lets_the_feature_move(layer, client, scenario, users, api_as):
    created = post(client, layer, {"type": "Point", "coordinates": [126.99, 37.56]})
    assert "Korea" in refused(
        client.patch(f"/features/{created.json()['id']}", {"geometry": TOKYO}, **{"If-Match": created["ETag"]})
    )
    public = scenario["public"]
    opened = api_as(users["owner"]).patch(
        f"/maps/{public.pk}", {"allow_outside_korea": True}, **{"If-Match": public.etag}
    )
    assert opened.status_code == 200
    moved = client.patch(f"/features/{created.json()['id']}", {"geometry": TOKYO}, **{"If-Match": created["ETag"]})
    assert moved.status_code == 200, moved.content


@pytest.mark.parametrize("coordinates", [[200, 37.5], [126.9, 95], [-181, 0]])
def test_outside_the_world_is_400_even_where_the_world_is_allowed(coordinates, world_layer, client):
    detail = refused(post(client, world_layer, {"type": "Point", "coordinates": coordinates}))
    assert "longitude and latitude" in detail


@pytest.mark.parametrize("coordinate", ["NaN", "Infinity", "126.99", "동경 127도"])
def test_string_coordinate_is_4xx(coordinate, world_layer, client):
    """NaN is not valid JSON, so a client that has one sends a string: never stored, never a 500."""
    refused(post(client, world_layer, {"type": "Point", "coordinates": [coordinate, 37.56]}), 400, 422)
    assert not Feature.objects.filter(layer=world_layer).exists()


def test_raw_nan_in_the_body_is_4xx(world_layer, client):
    raw = json.dumps(body({"type": "Point", "coordinates": [0, 37.56]})).replace("[0, 37.56]", "[NaN, 37.56]")
    response = client.client.post(
        f"/api/v1/layers/{world_layer.pk}/features", data=raw, content_type="application/json", headers=client.headers
    )
    refused(response, 400, 422)
    assert not Feature.objects.filter(layer=world_layer).exists()


def test_z_coordinates_are_dropped(layer, client):
    geometry = {"type": "LineString", "coordinates": [[126.97, 37.55, 20.5], [126.98, 37.56, 31.0]]}
    response = post(client, layer, geometry)
    assert response.status_code == 201, response.content
    assert response.json()["geometry"]["coordinates"] == [[126.97, 37.55], [126.98, 37.56]]
    stored = Feature.objects.get(pk=response.json()["id"]).geometry
    assert not stored.hasz
    assert stored.coords == ((126.97, 37.55), (126.98, 37.56))


@pytest.mark.parametrize(
    "geometry",
    [
        {"type": "MultiPolygon", "coordinates": [SPIKE["coordinates"]]},
        {"type": "MultiPoint", "coordinates": [[126.97, 37.55]]},
        {"type": "GeometryCollection", "geometries": []},
    ],
    ids=["MultiPolygon", "MultiPoint", "GeometryCollection"],
)
def test_multi_geometries_are_400(geometry, layer, client):
    detail = refused(post(client, layer, geometry))
    assert geometry["type"] in detail
    assert "Polygon" in detail


@pytest.mark.parametrize(
    "geometry",
    [
        {"type": "Circle", "coordinates": [126.97, 37.55]},
        {"type": "Point", "coordinates": [126.97]},
        {"type": "LineString", "coordinates": [[126.97, 37.55]]},
        {"type": "LineString", "coordinates": [[126.97, 37.55], [126.97, 37.55]]},
        {"type": "Polygon", "coordinates": [[[126.97, 37.55], [126.98, 37.55], [126.97, 37.55]]]},
        {"type": "Point", "coordinates": None},
    ],
    ids=["unknown-type", "one-number", "one-point-line", "same-point-line", "two-point-ring", "null-coordinates"],
)
def test_broken_geojson_is_400_never_500(geometry, layer, client):
    refused(post(client, layer, geometry))
    assert not Feature.objects.filter(layer=layer).exists()
