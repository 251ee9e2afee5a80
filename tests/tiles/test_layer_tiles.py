"""Layer tiles: contents checked against the database, permissions, filters, status codes and caching."""

import gzip

import pytest
from django.contrib.gis.geos import LineString, Point, Polygon

from layers.models import Feature, FeatureStatus, Layer
from layers.services.features import create_feature, delete_feature, update_feature
from tiles import views
from tiles.memory_cache import MemoryTileCache

from .helpers import decode, features_in, tile_of, tile_url

LON, LAT = 126.99, 37.56
Z18, POSITION = tile_of(LON, LAT, 18)


def layer_tile(client, scenario, zxy=Z18, query="", **headers):
    return client.get(tile_url(scenario["layer"].pk, *zxy, query), headers=headers)


def titles(response, scenario):
    return {f["properties"]["title"] for f in features_in(response, scenario["layer"].name)}


def test_tile_holds_the_features_with_their_attributes_and_positions(scenario, client_as):
    response = layer_tile(client_as(None), scenario)
    assert response["Content-Type"] == "application/vnd.mapbox-vector-tile"
    decoded = decode(response)
    assert list(decoded) == [scenario["layer"].name]
    (feature,) = decoded[scenario["layer"].name]["features"]
    published = scenario["published"]
    assert feature["id"] == published.pk
    assert feature["properties"] == {
        "category": "dark-alley",
        "title": published.title,
        "status": "published",
        "votes": 0,
        "created": int(published.created.timestamp()),
    }
    x, y = feature["geometry"]["coordinates"]
    assert abs(x - POSITION[0]) <= 1 and abs(y - POSITION[1]) <= 1


ROLE_SEES = {
    None: {"공개 제보"},
    "resident": {"공개 제보", "검토 중 제보"},
    "owner": {"공개 제보"},
    "reviewer": {"공개 제보", "검토 중 제보"},
    "other_reviewer": {"공개 제보"},
    "admin": {"공개 제보", "검토 중 제보"},
}


@pytest.mark.parametrize("role", list(ROLE_SEES))
def test_a_tile_holds_exactly_what_its_requester_may_see(role, scenario, users, client_as):
    response = layer_tile(client_as(users.get(role)), scenario)
    assert titles(response, scenario) == ROLE_SEES[role]


def test_session_users_get_their_own_visibility_too(scenario, users, client):
    client.force_login(users["reviewer"])
    assert titles(layer_tile(client, scenario), scenario) == {"공개 제보", "검토 중 제보"}


def test_private_layer_is_404_anonymously_and_served_to_members(scenario, users, client_as):
    url = tile_url(scenario["private_layer"].pk, *Z18)
    assert client_as(None).get(url).status_code == 404
    assert client_as(users["resident"]).get(url).status_code == 404
    response = client_as(users["editor"]).get(url)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]


def test_bad_token_is_401_not_anonymous(scenario, client):
    response = client.get(tile_url(scenario["layer"].pk, *Z18), headers={"Authorization": "Bearer nope"})
    assert response.status_code == 401


@pytest.mark.parametrize(("z", "x", "y"), [(23, 0, 0), (0, 1, 0), (0, 0, 1), (3, 8, 0), (16, 65536, 1)])
def test_out_of_range_tiles_are_400(z, x, y, scenario, client):
    assert client.get(tile_url(scenario["layer"].pk, z, x, y)).status_code == 400


def test_zooms_0_to_22_are_accepted(scenario, client):
    for z in range(23):
        (zz, x, y), _ = tile_of(LON, LAT, z)
        assert client.get(tile_url(scenario["layer"].pk, zz, x, y)).status_code == 200, z


def test_empty_tile_is_204_and_unknown_layer_404(scenario, client):
    assert client.get(tile_url(scenario["layer"].pk, 16, 0, 0)).status_code == 204
    assert client.get(tile_url(999999, *Z18)).status_code == 404


def test_filters_by_category_status_and_dates(scenario, users, client_as):
    layer = scenario["layer"]
    reviewer = client_as(users["reviewer"])
    Feature.objects.filter(pk=scenario["pending"].pk).update(category=layer.categories.get(key="flooding"))
    assert titles(layer_tile(reviewer, scenario, query="category=flooding"), scenario) == {"검토 중 제보"}
    both = "category=flooding&category=dark-alley"
    assert titles(layer_tile(reviewer, scenario, query=both), scenario) == {"검토 중 제보", "공개 제보"}
    assert titles(layer_tile(reviewer, scenario, query="status=published"), scenario) == {"공개 제보"}
    assert titles(layer_tile(reviewer, scenario, query="status=pending"), scenario) == {"검토 중 제보"}
    Feature.objects.filter(pk=scenario["published"].pk).update(created="2020-01-15T12:00:00+09:00")
    assert titles(layer_tile(reviewer, scenario, query="until=2020-01-15"), scenario) == {"공개 제보"}
    assert titles(layer_tile(reviewer, scenario, query="since=2020-01-16"), scenario) == {"검토 중 제보"}
    assert titles(layer_tile(reviewer, scenario, query="since=2020-01-01&until=2020-02-01"), scenario) == {"공개 제보"}


HOSTILE = [
    "category=x'; DROP TABLE layers_feature; --",
    "category=dark-alley' OR '1'='1",
    "category=SELECT * FROM mapping_user",
    "category=어두운골목",
    "category=%00",
    "category=" + "a" * 5000,
    "status=published' OR 1=1 --",
    "status=published;DELETE FROM layers_feature",
    "since=2020-01-01'; DROP TABLE x; --",
    "until=now()",
    "since=2026-13-45",
    "since=２０２０-０１-０１",
    "until=2020-01-01T00:00:00+09:00&since=2021-01-01",
    "layer_id=1 OR 1=1",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_filters_get_400_or_a_correct_tile_and_harm_nothing(query, scenario, client):
    before = Feature.objects.count()
    response = layer_tile(client, scenario, query=query)
    assert response.status_code in (400, 204) or titles(response, scenario) <= {"공개 제보"}
    assert response.status_code != 500
    assert Feature.objects.count() == before


def test_sql_keywords_in_a_valid_category_key_are_just_a_category(scenario, client):
    response = layer_tile(client, scenario, query="category=select")
    assert response.status_code == 204


def _write_as_reviewer(scenario, users):
    reviewer = users["reviewer"]
    return {
        "approve": lambda f: update_feature(reviewer, f.pk, {"status": "published"}, expected_version=f.version),
        "retitle": lambda f: update_feature(reviewer, f.pk, {"title": "새 제목"}, expected_version=f.version),
        "hide": lambda f: update_feature(reviewer, f.pk, {"status": "hidden"}, expected_version=f.version),
        "move": lambda f: update_feature(
            reviewer,
            f.pk,
            {"geometry": {"type": "Point", "coordinates": [127.01, 37.57]}},
            expected_version=f.version,
        ),
        "delete": lambda f: delete_feature(reviewer, f.pk, expected_version=f.version),
    }


EXPECTED_AFTER = {
    "approve": {"공개 제보", "검토 중 제보"},
    "retitle": {"새 제목"},
    "hide": set(),
    "move": set(),
    "delete": set(),
}


@pytest.mark.parametrize("write", list(EXPECTED_AFTER))
def test_no_stale_tile_is_served_after_a_write(write, scenario, users, client_as):
    anonymous = client_as(None)
    assert titles(layer_tile(anonymous, scenario), scenario) == {"공개 제보"}
    target = scenario["pending"] if write == "approve" else scenario["published"]
    _write_as_reviewer(scenario, users)[write](target)
    assert titles(layer_tile(anonymous, scenario), scenario) == EXPECTED_AFTER[write]


def test_a_new_feature_and_a_bulk_update_show_at_once(scenario, users, client_as):
    anonymous = client_as(None)
    layer = scenario["layer"]
    layer.moderation = "open"
    layer.save()
    assert titles(layer_tile(anonymous, scenario), scenario) == {"공개 제보"}
    geometry = {"type": "Point", "coordinates": [LON, LAT]}
    create_feature(users["owner"], layer, {"geometry": geometry, "category": "flooding", "title": "새 제보"})
    assert titles(layer_tile(anonymous, scenario), scenario) == {"공개 제보", "새 제보"}
    Feature.objects.filter(layer=layer).update(status=FeatureStatus.HIDDEN)
    assert layer_tile(anonymous, scenario).status_code == 204


def test_repeated_requests_come_from_the_cache(scenario, client, monkeypatch):
    calls = []
    real_run = views.run
    monkeypatch.setattr(views, "run", lambda *args: calls.append(args) or real_run(*args))
    first = layer_tile(client, scenario)
    second = layer_tile(client, scenario)
    assert first.content == second.content
    assert len(calls) == 1


def test_etag_and_if_none_match(scenario, client):
    response = layer_tile(client, scenario)
    etag = response["ETag"]
    assert layer_tile(client, scenario, If_None_Match=etag).status_code == 304
    assert layer_tile(client, scenario, If_None_Match='"other"').status_code == 200
    assert layer_tile(client, scenario, query="category=flooding")["ETag"] != etag


def test_cache_control_public_pinned_and_private(scenario, users, client_as):
    anonymous = layer_tile(client_as(None), scenario)
    assert anonymous["Cache-Control"] == "public, max-age=0, must-revalidate"
    revision = scenario["layer"].__class__.objects.get(pk=scenario["layer"].pk).revision
    pinned = layer_tile(client_as(None), scenario, query=f"v={revision}")
    assert "immutable" in pinned["Cache-Control"] and "public" in pinned["Cache-Control"]
    reviewer = layer_tile(client_as(users["reviewer"]), scenario)
    assert reviewer["Cache-Control"].startswith("private")
    assert "Authorization" in reviewer["Vary"]


def test_gzip_only_when_asked(scenario, client):
    zipped = layer_tile(client, scenario, Accept_Encoding="gzip, deflate")
    plain = layer_tile(client, scenario)
    assert zipped["Content-Encoding"] == "gzip"
    assert not plain.has_header("Content-Encoding")
    assert gzip.decompress(zipped.content) == plain.content


def test_points_are_thinned_below_zoom_18_but_all_kept_at_18(scenario, users, client_as):
    layer = scenario["layer"]
    for i in range(20):
        Feature.objects.create(
            layer=layer,
            geometry=Point(LON + i * 1e-6, LAT, srid=4326),
            category=layer.categories.first(),
            title=f"근처 {i}",
            status="published",
        )
    anonymous = client_as(None)
    at18 = titles(layer_tile(anonymous, scenario), scenario)
    (z, x, y), _ = tile_of(LON, LAT, 14)
    at14 = titles(anonymous.get(tile_url(layer.pk, z, x, y)), scenario)
    assert len(at18) == 21
    assert 1 <= len(at14) < 5


def test_lines_and_polygons_cross_tile_edges_with_a_buffer(scenario, users, client_as):
    layer = scenario["layer"]
    (z, x, y), _ = tile_of(LON, LAT, 16)
    west, east = _tile_lon(x, z), _tile_lon(x + 1, z)
    line = LineString((west + (east - west) * 0.5, LAT), (east + (east - west) * 0.5, LAT), srid=4326)
    Feature.objects.create(
        layer=layer, geometry=line, category=layer.categories.first(), title="경계 골목", status="published"
    )
    anonymous = client_as(None)
    left = [
        f
        for f in features_in(anonymous.get(tile_url(layer.pk, z, x, y)), layer.name)
        if f["properties"]["title"] == "경계 골목"
    ]
    right_response = anonymous.get(tile_url(layer.pk, z, x + 1, y))
    right = [f for f in features_in(right_response, layer.name) if f["properties"]["title"] == "경계 골목"]
    assert left and right
    assert max(c[0] for c in left[0]["geometry"]["coordinates"]) > 4096
    assert min(c[0] for c in right[0]["geometry"]["coordinates"]) < 0
    square = Polygon.from_bbox((west - 0.0001, LAT - 0.0001, west + 0.0001, LAT + 0.0001))
    square.srid = 4326
    Feature.objects.create(
        layer=layer, geometry=square, category=layer.categories.first(), title="경계 구역", status="published"
    )
    assert "경계 구역" in titles(anonymous.get(tile_url(layer.pk, z, x, y)), scenario)
    assert "경계 구역" in titles(anonymous.get(tile_url(layer.pk, z, x - 1, y)), scenario)


def _tile_lon(x, z):
    return x / 2**z * 360.0 - 180.0


def test_renaming_a_layer_renames_its_mvt_layer_at_once(scenario, client):
    layer = scenario["layer"]
    assert titles(layer_tile(client, scenario), scenario) == {"공개 제보"}
    revision = Layer.objects.get(pk=layer.pk).revision
    layer.name = "새 이름"
    layer.save()
    assert Layer.objects.get(pk=layer.pk).revision == revision + 1
    response = layer_tile(client, scenario)
    assert set(decode(response)) == {"새 이름"}


def test_saving_a_stale_layer_object_never_moves_the_revision_back(scenario, users):
    stale = Layer.objects.get(pk=scenario["layer"].pk)
    geometry = {"type": "Point", "coordinates": [LON, LAT]}
    create_feature(users["owner"], stale, {"geometry": geometry, "category": "flooding", "title": "새 제보"})
    bumped = Layer.objects.get(pk=stale.pk).revision
    assert bumped > stale.revision
    stale.description = "설명 수정"
    stale.save()
    assert Layer.objects.get(pk=stale.pk).revision == bumped


def test_memory_cache_is_bounded_and_evicts_the_least_recently_used():
    lru = MemoryTileCache(max_bytes=10)
    lru.set("a", b"1234")
    lru.set("b", b"5678")
    assert lru.get("a") == b"1234"
    lru.set("c", b"9999")
    assert lru.get("b") is None
    assert lru.get("a") == b"1234" and lru.get("c") == b"9999"
    lru.set("huge", b"x" * 11)
    assert lru.get("huge") is None
