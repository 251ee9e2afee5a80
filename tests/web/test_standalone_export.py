"""The standalone HTML download: an attachment in UTF-8 that links no script, stylesheet or CDN, shows user text
escaped, holds only what the requester may see, and keeps the newest features up to the configured cap."""

import json
import re
from datetime import UTC, datetime
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from django.contrib.gis.geos import LineString, Point, Polygon

from layers.models import Feature
from layers.services.layers import create_layer
from mapping.models import Map
from web.standalone_export import ExportFeature, ExportLayer, LeafletAssets, StandaloneMap, standalone_map_html

SCRIPT_TITLE = "<img src=x onerror=alert(1)>"


@pytest.fixture
def sharing(users, junggu, jongnogu):
    map_ = Map.objects.create(
        title="중구 나눔지도", kind="sharing", owner=users["owner"], visibility="public", district=junggu
    )
    layer = create_layer(map_, {"name": "나눔 장소"})
    return map_, layer


def add(layer, author, title, geometry=None, status="published"):
    return Feature.objects.create(
        layer=layer,
        geometry=geometry or Point(126.99, 37.56, srid=4326),
        category=layer.categories.get(key="food"),
        title=title,
        summary="동네 주민이 추천하는 곳",
        status=status,
        author=author,
        district=layer.map.district,
    )


def download(client, map_):
    return client.get(f"/maps/{map_.pk}/export.html", headers={"accept-language": "en"})


def embedded(response):
    """The GeoJSON features the page hands to Leaflet (``geo_json_…_add({...});``), districts and map features."""
    collections = re.findall(r"^\s*geo_json_\w+_add\((.*)\);$", response.content.decode(), re.MULTILINE)
    return [feature for collection in collections for feature in json.loads(collection)["features"]]


def exported(response, key):
    return [feature["properties"][key] for feature in embedded(response) if key in feature["properties"]]


class Loads(HTMLParser):
    """Every attribute by which an element would make the browser fetch something."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "link" or "src" in attributes or "srcset" in attributes:
            self.found.append((tag, attributes))


def test_download_is_a_utf8_attachment_named_by_the_slug(client, sharing):
    map_, layer = sharing
    Feature.objects.filter(pk=add(layer, None, "명동 칼국수 집").pk).update(vote_count=3)
    response = download(client, map_)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response["Content-Disposition"] == (
        f"attachment; filename=\"map-{map_.pk}.html\"; filename*=UTF-8''{quote(map_.slug)}.html"
    )
    page = response.content.decode("utf-8")
    assert '<meta http-equiv="content-type" content="text/html; charset=UTF-8" />' in page
    assert "<title>중구 나눔지도</title>" in page
    assert exported(response, "title") == ["명동 칼국수 집"]
    assert exported(response, "category") == ["Food"] and exported(response, "status") == ["published"]
    assert exported(response, "votes") == [3]
    assert exported(response, "name") == ["Jung-gu"]  # the district around the features, not its neighbour


def test_nothing_is_fetched_from_a_network(client, sharing):
    map_, layer = sharing
    add(layer, None, "명동 칼국수 집")
    page = download(client, map_).content.decode()
    loads = Loads()
    loads.feed(page)
    assert loads.found == []
    assert "<script src" not in page
    assert "cdn" not in page.lower()
    assert set(re.findall(r"url\(([^)]*)\)", page)) == {"#default#VML"}  # Leaflet's image rules are dropped
    assert "L.map(" in page and "L.control.layers(" in page and "leaflet-interactive" in page


def test_user_text_is_escaped(client, sharing):
    map_, layer = sharing
    map_.title = SCRIPT_TITLE
    map_.save()
    layer.name = SCRIPT_TITLE
    layer.save()
    add(layer, None, SCRIPT_TITLE)
    response = download(client, map_)
    page = response.content.decode()
    assert SCRIPT_TITLE not in page
    assert "<title>&lt;img src=x onerror=alert(1)&gt;</title>" in page
    assert "<h1>&lt;img src=x onerror=alert(1)&gt;</h1>" in page
    assert exported(response, "title") == [SCRIPT_TITLE]  # set with textContent by the page script
    overlays = re.findall(r'^\s*("(?:[^"\\]|\\.)*") : feature_group_', page, re.MULTILINE)
    assert [json.loads(name) for name in overlays] == ["&lt;img src=x onerror=alert(1)&gt;"]  # set as HTML by Leaflet


def test_pending_features_reach_only_their_author_and_reviewers(client, sharing, users):
    map_, layer = sharing
    add(layer, users["resident"], "공개된 장소")
    add(layer, users["resident"], "검토 중인 장소", status="pending")
    assert exported(download(client, map_), "title") == ["공개된 장소"]
    client.force_login(users["editor"])
    assert exported(download(client, map_), "title") == ["공개된 장소"]
    for allowed in ("resident", "reviewer"):
        client.force_login(users[allowed])
        assert sorted(exported(download(client, map_), "title")) == ["검토 중인 장소", "공개된 장소"]


def test_a_private_map_is_not_found_for_strangers(client, sharing, users):
    map_, layer = sharing
    map_.visibility = "private"
    map_.save()
    assert download(client, map_).status_code == 404
    client.force_login(users["resident"])
    assert download(client, map_).status_code == 404
    client.force_login(users["owner"])
    assert download(client, map_).status_code == 200


def test_lines_and_polygons_are_exported_with_points(client, sharing):
    map_, layer = sharing
    add(layer, None, "골목", LineString((126.98, 37.55), (126.985, 37.556), srid=4326))
    add(layer, None, "시장", Polygon.from_bbox((126.97, 37.55, 126.975, 37.555)))
    add(layer, None, "떡집")
    response = download(client, map_)
    features = [feature for feature in embedded(response) if "title" in feature["properties"]]
    kinds = {feature["properties"]["title"]: feature["geometry"]["type"] for feature in features}
    assert kinds == {"골목": "LineString", "시장": "Polygon", "떡집": "Point"}
    assert "new L.CircleMarker(latlng, opts)" in response.content.decode()


def test_the_cap_keeps_the_newest_features_and_says_so(client, sharing, settings):
    map_, layer = sharing
    for title in ("첫째", "둘째", "셋째"):
        add(layer, None, title)
    settings.STANDALONE_EXPORT_MAX_FEATURES = 2
    response = download(client, map_)
    assert sorted(exported(response, "title")) == ["둘째", "셋째"]
    assert "the newest 2 of 3 features" in response.content.decode()
    settings.STANDALONE_EXPORT_MAX_FEATURES = 3
    response = download(client, map_)
    assert len(exported(response, "title")) == 3
    assert "3 features" in response.content.decode()


def test_the_view_fits_collections_and_multi_geometries():
    collection = {
        "type": "GeometryCollection",
        "geometries": [
            {"type": "Point", "coordinates": [126.9, 37.5]},
            {"type": "MultiPoint", "coordinates": [[127.1, 37.6], [127.0, 37.55]]},
        ],
    }
    feature = ExportFeature(1, 1, "food", collection, "시장 두 곳", "", "published", 0)
    content = StandaloneMap(
        title="지도",
        layers=[ExportLayer(1, "나눔 장소")],
        features=[feature],
        basemap={"type": "FeatureCollection", "features": []},
        generated_at=datetime(2026, 11, 22, tzinfo=UTC),
        source_url="https://example.org/maps/1/",
        feature_url="https://example.org/features/{id}/",
        count_text="1 feature",
    )
    page = standalone_map_html(content, LeafletAssets(js="", css=""))
    assert ".fitBounds([[37.5, 126.9], [37.6, 127.1]]," in page
    assert "Exported from Urban-Life Map on 2026-11-22" in page
