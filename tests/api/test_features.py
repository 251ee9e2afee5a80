"""The feature endpoints as a client sees them: GeoJSON in and out, paging, versions and input checks.

Covers the round trip of each geometry kind, the list filters and links, the
If-Match rules (428 / 412 / 200) that keep two editors from overwriting each
other, PUT versus PATCH, the layer's extra fields, and that bad input of any
shape is a 4xx JSON answer with a ``detail`` message, never a 500. Who may do
what is in test_permission_matrix.py and is not repeated here.
"""

import json
import re

import pytest
from django.contrib.gis.geos import LineString, Point
from django.contrib.gis.geos import Polygon as GeosPolygon
from django.test import Client

from layers.models import Feature, FeatureStatus
from layers.services.layers import create_layer

from .conftest import ApiClient, assert_json_error

POINT = {"type": "Point", "coordinates": [126.9812345, 37.5654321]}
LINE = {"type": "LineString", "coordinates": [[126.9701234, 37.5501234], [126.9856789, 37.5623456], [126.99, 37.57]]}
POLYGON = {
    "type": "Polygon",
    "coordinates": [
        [[126.97, 37.55], [126.9801234, 37.55], [126.9801234, 37.5598765], [126.97, 37.5598765], [126.97, 37.55]]
    ],
}

FIELD_DEFINITIONS = [
    {"key": "lanes", "label": "차선 수", "type": "number"},
    {"key": "lit", "label": "조명 있음", "type": "boolean"},
    {"key": "surface", "label": "노면", "type": "choice", "choices": ["asphalt", "gravel"]},
    {"key": "seen", "label": "발견일", "type": "date"},
    {"key": "note", "label": "메모", "type": "text", "required": True},
]


def lenient(user):
    """An ApiClient whose server errors come back as a 500 response instead of an exception."""
    client = ApiClient(user)
    client.client = Client(raise_request_exception=False)
    return client


def feature_body(geometry, category="dark-alley", title="어두운 골목길", **properties):
    return {"type": "Feature", "geometry": geometry, "properties": {"category": category, "title": title, **properties}}


def assert_same_coordinates(sent, received, tolerance=1e-7):
    """Every number of two nested coordinate lists agrees to ``tolerance``."""
    if isinstance(sent, int | float):
        assert abs(sent - received) <= tolerance, (sent, received)
        return
    assert len(sent) == len(received), (sent, received)
    for a, b in zip(sent, received, strict=True):
        assert_same_coordinates(a, b, tolerance)


@pytest.fixture
def open_layer(scenario):
    """An open layer (published at once) with the safety categories, on the public 중구 map."""
    return create_layer(scenario["public"], {"name": "열린 레이어"})


@pytest.fixture
def fields_layer(scenario):
    """An open layer whose features carry the extra fields of FIELD_DEFINITIONS."""
    return create_layer(scenario["public"], {"name": "보행 조사", "fields": FIELD_DEFINITIONS})


@pytest.fixture
def resident(users, api_as):
    return api_as(users["resident"])


def create(client, layer, body):
    response = client.post(f"/layers/{layer.pk}/features", body)
    assert response.status_code == 201, response.content
    return response


# --- round trips -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("geometry", [POINT, LINE, POLYGON], ids=["Point", "LineString", "Polygon"])
def test_geojson_round_trip_on_an_open_layer(geometry, open_layer, resident):
    body = feature_body(geometry, category="walkway-danger", title="횡단보도 위험", summary="신호가 너무 짧아요")
    created = create(resident, open_layer, body)
    feature_id = created.json()["id"]

    assert created["ETag"] == f'"f{feature_id}-v1"'
    assert created["Location"].endswith(f"/api/v1/features/{feature_id}")

    read = resident.get(f"/features/{feature_id}")
    assert read.status_code == 200
    assert read["ETag"] == created["ETag"]
    data = read.json()
    assert data["type"] == "Feature"
    assert data["id"] == feature_id
    assert data["geometry"]["type"] == geometry["type"]
    assert_same_coordinates(geometry["coordinates"], data["geometry"]["coordinates"])
    properties = data["properties"]
    assert properties["category"] == "walkway-danger"
    assert properties["title"] == "횡단보도 위험"
    assert properties["summary"] == "신호가 너무 짧아요"
    assert properties["fields"] == {}
    assert properties["status"] == "published"
    assert properties["version"] == 1
    assert properties["district"] == "11140"

    listed = resident.get(f"/layers/{open_layer.pk}/features").json()["features"]
    (item,) = [feature for feature in listed if feature["id"] == feature_id]
    assert_same_coordinates(geometry["coordinates"], item["geometry"]["coordinates"])

    stored = Feature.objects.get(pk=feature_id)
    assert stored.geometry.geom_type == geometry["type"]
    assert stored.geometry.srid == 4326


def test_feature_on_a_pre_moderated_layer_is_pending(scenario, resident):
    created = create(resident, scenario["layer"], feature_body(POINT))
    assert created.json()["properties"]["status"] == "pending"
    assert Feature.objects.get(pk=created.json()["id"]).status == FeatureStatus.PENDING


def test_status_sent_on_creation_is_ignored(scenario, resident):
    """A resident cannot publish straight away on a pre-moderated layer by sending a status."""
    created = create(resident, scenario["layer"], feature_body(POINT, status="published"))
    assert created.json()["properties"]["status"] == "pending"


def test_district_comes_from_the_geometry_not_the_map(open_layer, resident):
    """The map belongs to 중구, but a point north of it lies in 종로구 and goes to 종로구's reviewers."""
    created = create(resident, open_layer, feature_body({"type": "Point", "coordinates": [126.99, 37.61]}))
    assert created.json()["properties"]["district"] == "11110"
    assert Feature.objects.get(pk=created.json()["id"]).district.code == "11110"


def test_moving_a_feature_moves_its_district(open_layer, resident):
    created = create(resident, open_layer, feature_body(POINT))
    moved = resident.patch(
        f"/features/{created.json()['id']}",
        {"geometry": {"type": "Point", "coordinates": [126.99, 37.61]}},
        **{"If-Match": created["ETag"]},
    )
    assert moved.status_code == 200, moved.content
    assert moved.json()["properties"]["district"] == "11110"


# --- listing ---------------------------------------------------------------------------------------------------


@pytest.fixture
def many(open_layer, users):
    """Five published features in a row along lat 37.56, one pending, in three categories."""
    categories = ["dark-alley", "dark-alley", "flooding", "flooding", "other"]
    features = []
    for index, key in enumerate(categories):
        features.append(
            Feature.objects.create(
                layer=open_layer,
                geometry=Point(126.965 + index * 0.01, 37.56, srid=4326),
                category=open_layer.categories.get(key=key),
                title=f"제보 {index}",
                author=users["resident"],
                status=FeatureStatus.PUBLISHED,
            )
        )
    features.append(
        Feature.objects.create(
            layer=open_layer,
            geometry=Point(126.965, 37.565, srid=4326),
            category=open_layer.categories.get(key="other"),
            title="검토 중",
            author=users["resident"],
            status=FeatureStatus.PENDING,
        )
    )
    return features


def titles(response):
    assert response.status_code == 200, response.content
    return {feature["properties"]["title"] for feature in response.json()["features"]}


def test_list_is_a_feature_collection(open_layer, many, api_as):
    response = api_as(None).get(f"/layers/{open_layer.pk}/features")
    assert response.status_code == 200
    data = response.json()
    assert data["type"] == "FeatureCollection"
    assert data["numberMatched"] == 5
    assert data["numberReturned"] == 5
    assert data["links"] == []
    assert {feature["properties"]["title"] for feature in data["features"]} == {f"제보 {i}" for i in range(5)}


def test_bbox_keeps_what_intersects_it(open_layer, many, api_as):
    # lon 126.960–126.980 holds features 0 (126.965) and 1 (126.975).
    response = api_as(None).get(f"/layers/{open_layer.pk}/features?bbox=126.96,37.55,126.98,37.57")
    assert titles(response) == {"제보 0", "제보 1"}
    assert response.json()["numberMatched"] == 2


def test_bbox_intersects_lines_crossing_it(open_layer, users, api_as):
    Feature.objects.create(
        layer=open_layer,
        geometry=LineString((126.90, 37.56), (127.10, 37.56), srid=4326),
        category=open_layer.categories.get(key="other"),
        title="긴 도로",
        author=users["resident"],
    )
    Feature.objects.create(
        layer=open_layer,
        geometry=GeosPolygon.from_bbox((126.90, 37.50, 126.91, 37.51)),
        category=open_layer.categories.get(key="other"),
        title="먼 구역",
        author=users["resident"],
    )
    assert titles(api_as(None).get(f"/layers/{open_layer.pk}/features?bbox=126.99,37.55,127.0,37.57")) == {"긴 도로"}


def test_repeated_category_is_an_or(open_layer, many, api_as):
    client = api_as(None)
    assert titles(client.get(f"/layers/{open_layer.pk}/features?category=flooding")) == {"제보 2", "제보 3"}
    both = client.get(f"/layers/{open_layer.pk}/features?category=flooding&category=other")
    assert titles(both) == {"제보 2", "제보 3", "제보 4"}


def test_status_filter_within_what_the_caller_may_see(open_layer, many, api_as, users):
    assert titles(api_as(users["resident"]).get(f"/layers/{open_layer.pk}/features?status=pending")) == {"검토 중"}
    assert titles(api_as(None).get(f"/layers/{open_layer.pk}/features?status=pending")) == set()
    both = api_as(users["resident"]).get(f"/layers/{open_layer.pk}/features?status=pending&status=published")
    assert len(titles(both)) == 6


def test_unknown_status_is_refused(open_layer, api_as):
    assert_json_error(api_as(None).get(f"/layers/{open_layer.pk}/features?status=deleted"), 400, 422)


def test_paging_counts_and_links(open_layer, many, api_as):
    client = api_as(None)
    seen = []
    first = client.get(f"/layers/{open_layer.pk}/features?category=dark-alley&category=flooding&category=other&limit=2")
    data = first.json()
    assert (data["numberMatched"], data["numberReturned"]) == (5, 2)
    links = {link["rel"]: link["href"] for link in data["links"]}
    assert set(links) == {"next"}
    seen += [feature["id"] for feature in data["features"]]

    # The next link keeps the filters (all three categories) and moves the offset.
    second = client.client.get(links["next"])
    data = second.json()
    assert (data["numberMatched"], data["numberReturned"]) == (5, 2)
    links = {link["rel"]: link["href"] for link in data["links"]}
    assert set(links) == {"next", "prev"}
    assert "offset=4" in links["next"] and "limit=2" in links["next"]
    assert links["next"].count("category=") == 3
    seen += [feature["id"] for feature in data["features"]]

    last = client.client.get(links["next"]).json()
    assert (last["numberMatched"], last["numberReturned"]) == (5, 1)
    assert {link["rel"] for link in last["links"]} == {"prev"}
    seen += [feature["id"] for feature in last["features"]]

    assert sorted(seen) == sorted(feature.pk for feature in many[:5])

    prev = client.client.get(next(link["href"] for link in last["links"] if link["rel"] == "prev")).json()
    assert [feature["id"] for feature in prev["features"]] == seen[2:4]


def test_offset_and_limit_slice_the_same_order(open_layer, many, api_as):
    client = api_as(None)
    everything = [f["id"] for f in client.get(f"/layers/{open_layer.pk}/features").json()["features"]]
    window = client.get(f"/layers/{open_layer.pk}/features?limit=2&offset=1").json()
    assert [f["id"] for f in window["features"]] == everything[1:3]


@pytest.mark.parametrize("query", ["limit=0", "limit=1001", "offset=-1", "limit=abc"])
def test_bad_paging_is_refused(query, open_layer, api_as):
    assert_json_error(api_as(None).get(f"/layers/{open_layer.pk}/features?{query}"), 400, 422)


@pytest.mark.parametrize(
    "bbox",
    [
        "1,2,3",
        "a,b,c,d",
        "126.9,37.5,127.0",
        "127.0,37.5,126.9,37.6",  # min lon > max lon
        "126.9,37.6,127.0,37.5",  # min lat > max lat
        "-200,37.5,127.0,37.6",
        "126.9,-95,127.0,37.6",
        "nan,37.5,127.0,37.6",
        "126.9,37.5,127.0,37.6,1",
        "126.9,37.5,126.9,37.6",  # zero width
    ],
)
def test_bad_bbox_is_a_400(bbox, open_layer, api_as):
    response = lenient(None).get(f"/layers/{open_layer.pk}/features?bbox={bbox}")
    detail = assert_json_error(response, 400)
    assert "bbox" in detail


# --- If-Match --------------------------------------------------------------------------------------------------


@pytest.fixture
def mine(open_layer, resident):
    """A feature the resident created through the API, with its creation response."""
    return create(resident, open_layer, feature_body(POINT, title="원래 제목", summary="원래 요약"))


WRITES = {
    "PUT": lambda client, fid, **h: client.put(f"/features/{fid}", feature_body(POINT, title="바꾼 제목"), **h),
    "PATCH": lambda client, fid, **h: client.patch(f"/features/{fid}", {"properties": {"title": "바꾼 제목"}}, **h),
    "DELETE": lambda client, fid, **h: client.delete(f"/features/{fid}", **h),
}


def unchanged(feature_id):
    feature = Feature.objects.get(pk=feature_id)
    return feature.version == 1 and feature.title == "원래 제목" and feature.summary == "원래 요약"


@pytest.mark.parametrize("method", list(WRITES))
def test_write_without_if_match_is_428(method, mine, resident):
    feature_id = mine.json()["id"]
    response = WRITES[method](resident, feature_id)
    detail = assert_json_error(response, 428)
    assert "If-Match" in detail
    assert unchanged(feature_id)


@pytest.mark.parametrize("method", list(WRITES))
def test_if_match_star_is_428(method, mine, resident):
    feature_id = mine.json()["id"]
    assert_json_error(WRITES[method](resident, feature_id, **{"If-Match": "*"}), 428)
    assert unchanged(feature_id)


@pytest.mark.parametrize("method", list(WRITES))
def test_stale_etag_is_412_and_changes_nothing(method, mine, resident, users):
    feature_id = mine.json()["id"]
    # Someone else saved version 2 meanwhile (done in the database, so the feature itself stays as it was).
    Feature.objects.filter(pk=feature_id).update(version=2)
    response = WRITES[method](resident, feature_id, **{"If-Match": mine["ETag"]})
    assert_json_error(response, 412)
    feature = Feature.objects.get(pk=feature_id)
    assert (feature.version, feature.title, feature.summary) == (2, "원래 제목", "원래 요약")


@pytest.mark.parametrize("method", list(WRITES))
def test_etag_of_another_feature_is_412(method, mine, scenario, resident):
    feature_id = mine.json()["id"]
    response = WRITES[method](resident, feature_id, **{"If-Match": scenario["published"].etag})
    assert_json_error(response, 412)
    assert unchanged(feature_id)


@pytest.mark.parametrize("method", ["PUT", "PATCH"])
def test_right_etag_saves_and_moves_the_version(method, mine, resident):
    feature_id = mine.json()["id"]
    response = WRITES[method](resident, feature_id, **{"If-Match": mine["ETag"]})
    assert response.status_code == 200, response.content
    assert response.json()["properties"]["version"] == 2
    assert response.json()["properties"]["title"] == "바꾼 제목"
    assert response["ETag"] == f'"f{feature_id}-v2"' != mine["ETag"]
    assert Feature.objects.get(pk=feature_id).version == 2
    assert resident.get(f"/features/{feature_id}")["ETag"] == response["ETag"]


def test_weak_etag_is_accepted(mine, resident):
    feature_id = mine.json()["id"]
    response = resident.patch(
        f"/features/{feature_id}", {"properties": {"title": "약한"}}, **{"If-Match": "W/" + mine["ETag"]}
    )
    assert response.status_code == 200, response.content


def test_delete_with_right_etag(mine, resident):
    feature_id = mine.json()["id"]
    response = resident.delete(f"/features/{feature_id}", **{"If-Match": mine["ETag"]})
    assert response.status_code == 204
    assert not Feature.objects.filter(pk=feature_id).exists()
    assert resident.get(f"/features/{feature_id}").status_code == 404


def test_two_editors_from_the_same_etag_first_wins(mine, resident, users, api_as):
    feature_id = mine.json()["id"]
    etag = mine["ETag"]
    editor = api_as(users["editor"])

    first = resident.patch(f"/features/{feature_id}", {"properties": {"title": "주민의 수정"}}, **{"If-Match": etag})
    assert first.status_code == 200, first.content

    second = editor.patch(f"/features/{feature_id}", {"properties": {"summary": "편집자의 수정"}}, **{"If-Match": etag})
    detail = assert_json_error(second, 412)
    assert "version 2" in detail

    feature = Feature.objects.get(pk=feature_id)
    assert (feature.title, feature.summary, feature.version) == ("주민의 수정", "원래 요약", 2)

    # With the fresh ETag the editor's change goes through on top of the resident's.
    retry = editor.patch(
        f"/features/{feature_id}", {"properties": {"summary": "편집자의 수정"}}, **{"If-Match": first["ETag"]}
    )
    assert retry.status_code == 200
    feature.refresh_from_db()
    assert (feature.title, feature.summary, feature.version) == ("주민의 수정", "편집자의 수정", 3)


def test_second_delete_from_a_stale_etag_is_412(mine, resident, users, api_as):
    feature_id = mine.json()["id"]
    edited = resident.patch(
        f"/features/{feature_id}", {"properties": {"title": "새 제목"}}, **{"If-Match": mine["ETag"]}
    )
    assert edited.status_code == 200
    assert_json_error(api_as(users["editor"]).delete(f"/features/{feature_id}", **{"If-Match": mine["ETag"]}), 412)
    assert Feature.objects.get(pk=feature_id).title == "새 제목"


# --- PUT replaces, PATCH merges ----------------------------------------------------------------------------------


@pytest.fixture
def surveyed(fields_layer, resident):
    body = feature_body(
        POINT,
        category="flooding",
        title="침수 구간",
        summary="비 오면 잠겨요",
        fields={"lanes": 2, "lit": False, "note": "배수구 막힘"},
    )
    return create(resident, fields_layer, body)


def test_put_replaces_everything(surveyed, resident):
    feature_id = surveyed.json()["id"]
    body = feature_body(LINE, category="other", title="새 제목", fields={"note": "새 메모"})
    response = resident.put(f"/features/{feature_id}", body, **{"If-Match": surveyed["ETag"]})
    assert response.status_code == 200, response.content
    properties = response.json()["properties"]
    assert properties["title"] == "새 제목"
    assert properties["category"] == "other"
    assert properties["summary"] == ""  # not sent, so cleared
    assert properties["fields"] == {"note": "새 메모"}  # lanes and lit are gone
    assert response.json()["geometry"]["type"] == "LineString"
    feature = Feature.objects.get(pk=feature_id)
    assert (feature.summary, feature.properties, feature.geometry.geom_type) == ("", {"note": "새 메모"}, "LineString")


def test_put_still_needs_the_required_fields(surveyed, resident):
    feature_id = surveyed.json()["id"]
    response = resident.put(
        f"/features/{feature_id}", feature_body(POINT, title="메모 없음"), **{"If-Match": surveyed["ETag"]}
    )
    assert "메모" in assert_json_error(response, 400)
    assert Feature.objects.get(pk=feature_id).title == "침수 구간"


def test_patch_changes_only_what_is_sent(surveyed, resident):
    feature_id = surveyed.json()["id"]
    before = resident.get(f"/features/{feature_id}").json()
    response = resident.patch(
        f"/features/{feature_id}", {"properties": {"title": "제목만"}}, **{"If-Match": surveyed["ETag"]}
    )
    assert response.status_code == 200, response.content
    after = response.json()
    assert after["properties"]["title"] == "제목만"
    for name in ("category", "summary", "fields", "district", "status"):
        assert after["properties"][name] == before["properties"][name], name
    assert after["geometry"] == before["geometry"]


def test_patch_geometry_only_keeps_the_properties(surveyed, resident):
    feature_id = surveyed.json()["id"]
    response = resident.patch(f"/features/{feature_id}", {"geometry": POLYGON}, **{"If-Match": surveyed["ETag"]})
    assert response.status_code == 200, response.content
    after = response.json()
    assert after["geometry"]["type"] == "Polygon"
    assert after["properties"]["title"] == "침수 구간"
    assert after["properties"]["fields"] == {"lanes": 2, "lit": False, "note": "배수구 막힘"}


def test_patch_with_null_is_refused(surveyed, resident):
    feature_id = surveyed.json()["id"]
    response = resident.patch(
        f"/features/{feature_id}", {"properties": {"title": None}}, **{"If-Match": surveyed["ETag"]}
    )
    assert "title" in assert_json_error(response, 400, 422)
    assert Feature.objects.get(pk=feature_id).title == "침수 구간"


# --- extra fields ----------------------------------------------------------------------------------------------


def test_valid_extra_fields_are_stored_and_returned(fields_layer, resident):
    fields = {"lanes": 2.5, "lit": True, "surface": "gravel", "seen": "2024-05-01", "note": "가로등 하나"}
    created = create(resident, fields_layer, feature_body(POINT, fields=fields))
    assert created.json()["properties"]["fields"] == fields
    assert Feature.objects.get(pk=created.json()["id"]).properties == fields


def test_empty_optional_fields_are_dropped(fields_layer, resident):
    created = create(resident, fields_layer, feature_body(POINT, fields={"note": "메모", "lanes": None, "surface": ""}))
    assert created.json()["properties"]["fields"] == {"note": "메모"}


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        ({"note": "메모", "colour": "red"}, "colour"),  # unknown key
        ({"note": "메모", "lanes": "two"}, "차선 수"),
        ({"note": "메모", "lanes": True}, "차선 수"),  # a boolean is not a number
        ({"note": "메모", "lit": "yes"}, "조명 있음"),
        ({"note": "메모", "surface": "sand"}, "노면"),
        ({"note": "메모", "seen": "2024-13-45"}, "발견일"),
        ({"note": 5}, "메모"),
        ({"note": "x" * 2001}, "메모"),
        ({}, "메모"),  # required and missing
        ({"note": ""}, "메모"),  # required and empty
    ],
    ids=[
        "unknown-key",
        "number-as-text",
        "number-as-bool",
        "bool-as-text",
        "choice-outside",
        "bad-date",
        "text-as-number",
        "text-too-long",
        "required-missing",
        "required-empty",
    ],
)
def test_bad_extra_fields_are_400_naming_the_field(fields, named, fields_layer, resident):
    response = resident.post(f"/layers/{fields_layer.pk}/features", feature_body(POINT, fields=fields))
    detail = assert_json_error(response, 400)
    assert named in detail
    assert not Feature.objects.filter(layer=fields_layer).exists()


def test_fields_on_a_layer_that_defines_none(open_layer, resident):
    response = resident.post(f"/layers/{open_layer.pk}/features", feature_body(POINT, fields={"lanes": 2}))
    assert "lanes" in assert_json_error(response, 400)


@pytest.mark.parametrize("raw", ["NaN", "Infinity", "-Infinity"])
def test_non_finite_number_in_an_extra_field_is_a_400(raw, fields_layer, users):
    """Python's JSON parser reads NaN and Infinity, but PostgreSQL's jsonb cannot store them."""
    client = lenient(users["resident"])
    body = json.dumps(feature_body(POINT, fields={"note": "메모", "lanes": 0})).replace('"lanes": 0', f'"lanes": {raw}')
    response = client.client.post(
        f"/api/v1/layers/{fields_layer.pk}/features", data=body, content_type="application/json", headers=client.headers
    )
    assert "차선 수" in assert_json_error(response, 400, 422)
    assert not Feature.objects.filter(layer=fields_layer).exists()


def test_nul_in_an_extra_text_field_is_a_4xx(fields_layer, users):
    """PostgreSQL's jsonb cannot hold U+0000 either."""
    response = lenient(users["resident"]).post(
        f"/layers/{fields_layer.pk}/features", feature_body(POINT, fields={"note": "메\x00모"})
    )
    assert_json_error(response, 400, 422)
    assert not Feature.objects.filter(layer=fields_layer).exists()


# --- text is data ----------------------------------------------------------------------------------------------


def test_script_in_text_is_stored_and_returned_verbatim_as_json(fields_layer, resident):
    script = "<script>alert(1)</script>"
    body = feature_body(POINT, title=script, summary='<img src=x onerror="alert(2)">', fields={"note": script})
    created = create(resident, fields_layer, body)
    assert created["Content-Type"].startswith("application/json")
    feature_id = created.json()["id"]
    stored = Feature.objects.get(pk=feature_id)
    assert stored.title == script
    assert stored.summary == '<img src=x onerror="alert(2)">'
    assert stored.properties == {"note": script}

    read = resident.get(f"/features/{feature_id}")
    assert read["Content-Type"].startswith("application/json")
    assert read.json()["properties"]["title"] == script
    assert read.json()["properties"]["summary"] == '<img src=x onerror="alert(2)">'
    assert read.json()["properties"]["fields"]["note"] == script
    listed = resident.get(f"/layers/{fields_layer.pk}/features")
    assert listed["Content-Type"].startswith("application/json")
    assert listed.json()["features"][0]["properties"]["title"] == script


def test_hangul_and_emoji_survive(open_layer, resident):
    title = "골목길 🌙 너무 어두워요 — 중구 을지로"
    created = create(resident, open_layer, feature_body(POINT, title=title))
    assert resident.get(f"/features/{created.json()['id']}").json()["properties"]["title"] == title


# --- bad input -------------------------------------------------------------------------------------------------


def test_unknown_category_names_the_valid_keys(open_layer, resident):
    response = resident.post(f"/layers/{open_layer.pk}/features", feature_body(POINT, category="pothole"))
    detail = assert_json_error(response, 400)
    assert "pothole" in detail
    for key in ("dark-alley", "walkway-danger", "broken-facility", "flooding", "crime-worry", "other"):
        assert key in detail
    assert not Feature.objects.filter(layer=open_layer).exists()


def test_unknown_category_on_patch_changes_nothing(mine, resident):
    feature_id = mine.json()["id"]
    response = resident.patch(
        f"/features/{feature_id}", {"properties": {"category": "pothole"}}, **{"If-Match": mine["ETag"]}
    )
    assert "dark-alley" in assert_json_error(response, 400)
    assert unchanged(feature_id)


RAW_BODIES = {
    "malformed JSON": "{bad json",
    "truncated JSON": '{"type": "Feature", "geometry": {"type": "Point"',
    "empty body": "",
    "a list": "[]",
    "a string": '"Feature"',
    "null": "null",
}


@pytest.mark.parametrize("name", list(RAW_BODIES))
def test_unreadable_body_is_a_4xx_json(name, open_layer, users):
    client = lenient(users["resident"])
    response = client.client.post(
        f"/api/v1/layers/{open_layer.pk}/features",
        data=RAW_BODIES[name],
        content_type="application/json",
        headers=client.headers,
    )
    assert_json_error(response, 400, 422)


def test_form_encoded_body_is_a_4xx_json(open_layer, users):
    client = lenient(users["resident"])
    response = client.client.post(
        f"/api/v1/layers/{open_layer.pk}/features", data={"title": "x"}, headers=client.headers
    )
    assert_json_error(response, 400, 415, 422)


BAD_BODIES = {
    "no properties": {"type": "Feature", "geometry": POINT},
    "no geometry": {"type": "Feature", "properties": {"category": "other", "title": "x"}},
    "no type": {"geometry": POINT, "properties": {"category": "other", "title": "x"}},
    "not a Feature": {
        "type": "FeatureCollection",
        "geometry": POINT,
        "properties": {"category": "other", "title": "x"},
    },
    "no title": feature_body(POINT, title=None),
    "empty title": feature_body(POINT, title=""),
    "title too long": feature_body(POINT, title="가" * 201),
    "summary too long": feature_body(POINT, summary="가" * 4001),
    "no category": {"type": "Feature", "geometry": POINT, "properties": {"title": "x"}},
    "category a number": feature_body(POINT, category=5),
    "title a list": feature_body(POINT, title=["x"]),
    "properties a string": {"type": "Feature", "geometry": POINT, "properties": "x"},
    "fields a list": feature_body(POINT, fields=[1, 2]),
    "geometry a string": feature_body("POINT(126.99 37.56)"),
    "geometry null": feature_body(None),
    "geometry without type": feature_body({"coordinates": [126.99, 37.56]}),
    "geometry of unknown type": feature_body({"type": "Circle", "coordinates": [126.99, 37.56]}),
    "geometry type a number": feature_body({"type": 7, "coordinates": [126.99, 37.56]}),
    "coordinates a string": feature_body({"type": "Point", "coordinates": "126.99,37.56"}),
    "coordinate an object": feature_body({"type": "Point", "coordinates": [{"lon": 126.99}, 37.56]}),
    "one coordinate": feature_body({"type": "Point", "coordinates": [126.99]}),
    "NUL in title": feature_body(POINT, title="골목\x00길"),
    "NUL in summary": feature_body(POINT, summary="요약\x00"),
}


@pytest.mark.parametrize("name", list(BAD_BODIES))
def test_wrong_shapes_are_4xx_json_never_500(name, open_layer, users):
    response = lenient(users["resident"]).post(f"/layers/{open_layer.pk}/features", BAD_BODIES[name])
    assert_json_error(response, 400, 422)
    assert not Feature.objects.filter(layer=open_layer).exists()


def test_nul_in_a_patch_is_4xx_and_changes_nothing(mine, users):
    feature_id = mine.json()["id"]
    response = lenient(users["resident"]).patch(
        f"/features/{feature_id}", {"properties": {"title": "새\x00제목"}}, **{"If-Match": mine["ETag"]}
    )
    assert_json_error(response, 400, 422)
    assert unchanged(feature_id)


def test_validation_error_names_the_field(open_layer, resident):
    response = resident.post(f"/layers/{open_layer.pk}/features", {"type": "Feature", "geometry": POINT})
    assert "properties" in assert_json_error(response, 400, 422)


def test_unknown_feature_and_layer_are_404_json(resident, open_layer):
    assert_json_error(resident.get("/features/987654321"), 404)
    assert_json_error(resident.get("/layers/987654321/features"), 404)
    assert_json_error(resident.post("/layers/987654321/features", feature_body(POINT)), 404)


# --- the contract ------------------------------------------------------------------------------------------------

CONTRACT_PATHS = [
    "/api/v1/auth/token",
    "/api/v1/maps",
    "/api/v1/maps/{map_id}",
    "/api/v1/maps/{map_id}/layers",
    "/api/v1/layers/{layer_id}",
    "/api/v1/layers/{layer_id}/features",
    "/api/v1/features/{feature_id}",
    "/api/v1/features/{feature_id}/photos",
    "/api/v1/features/{feature_id}/history",
    "/api/v1/features/{feature_id}/revert",
]


def test_openapi_lists_the_contract(db):
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    paths = schema["paths"]
    for path in CONTRACT_PATHS:
        assert path in paths, path
    assert {"get", "post"} <= set(paths["/api/v1/maps"])
    assert {"get", "patch", "delete"} <= set(paths["/api/v1/maps/{map_id}"])
    assert {"get", "post"} <= set(paths["/api/v1/layers/{layer_id}/features"])
    assert {"get", "put", "patch", "delete"} <= set(paths["/api/v1/features/{feature_id}"])
    assert "post" in paths["/api/v1/features/{feature_id}/photos"]
    assert "post" in paths["/api/v1/features/{feature_id}/revert"]
    assert "get" in paths["/api/v1/features/{feature_id}/history"]


def test_docs_page_loads_nothing_from_the_internet(db):
    response = Client().get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "openapi.json" in html
    references = re.findall(r"""<(?:script|link)\b[^>]*?(?:src|href)\s*=\s*["']([^"']+)""", html, re.IGNORECASE)
    assert references, "the docs page should load its script and stylesheet locally"
    external = [url for url in references if re.match(r"(?i)(https?:)?//", url)]
    assert external == []
