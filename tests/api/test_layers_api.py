"""Layers through /api/v1/maps/{id}/layers and /api/v1/layers/{id}: categories, versions, geometry kinds.

A new layer starts with the categories of its map's kind; categories that
features still use cannot be removed; the allowed geometry kinds decide what
may be drawn on the layer.
"""

import pytest

from layers.models import Category, Feature, Layer
from mapping.models import Map

from .conftest import assert_json_error, point_feature

SAFETY = [
    ("dark-alley", "어두운 골목"),
    ("walkway-danger", "보행 위험"),
    ("broken-facility", "시설물 파손"),
    ("flooding", "침수"),
    ("crime-worry", "범죄 불안"),
    ("other", "기타"),
]
SHARING_LABELS = ["먹거리", "놀거리", "이야깃거리", "편의시설"]

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[126.98, 37.55], [126.99, 37.55], [126.99, 37.56], [126.98, 37.56], [126.98, 37.55]]],
}
LINE = {"type": "LineString", "coordinates": [[126.98, 37.55], [126.99, 37.56]]}


@pytest.fixture
def owner(users, api_as):
    return api_as(users["owner"])


def new_map(owner_user, kind):
    return Map.objects.create(title=f"{kind} 지도", kind=kind, owner=owner_user)


def add_layer(client, map_, **body):
    response = client.post(f"/maps/{map_.pk}/layers", {"name": "제보", **body})
    assert response.status_code == 201, response.content
    return response


def test_safety_map_layer_gets_the_six_safety_categories(owner, users):
    response = add_layer(owner, new_map(users["owner"], "safety"))
    data = response.json()
    assert [(c["key"], c["label_ko"]) for c in data["categories"]] == SAFETY
    assert all(c["label_en"] and c["color"].startswith("#") for c in data["categories"])
    layer = Layer.objects.get(pk=data["id"])
    assert [(c.key, c.label_ko) for c in layer.categories.all()] == SAFETY
    assert response["ETag"] == f'"l{layer.pk}-v1"'
    assert data["geometry_kinds"] == ["Point", "LineString", "Polygon"]
    assert data["moderation"] == "open"
    assert (data["version"], data["revision"]) == (1, 0)


def test_sharing_map_layer_gets_the_four_sharing_categories(owner, users):
    data = add_layer(owner, new_map(users["owner"], "sharing")).json()
    assert [c["label_ko"] for c in data["categories"]] == SHARING_LABELS
    assert len({c["key"] for c in data["categories"]}) == 4
    assert "dark-alley" not in {c["key"] for c in data["categories"]}


def test_other_map_layer_gets_a_default_category(owner, users):
    data = add_layer(owner, new_map(users["owner"], "other")).json()
    assert [c["key"] for c in data["categories"]] == ["other"]


def test_custom_categories_replace_the_defaults(owner, users):  # and default to 14 days, not sensitive
    categories = [
        {"key": "bench", "label_ko": "벤치", "label_en": "Bench", "icon": "chair", "color": "#112233"},
        {"key": "shade", "label_ko": "그늘"},
    ]
    data = add_layer(owner, new_map(users["owner"], "safety"), categories=categories).json()
    assert [c["key"] for c in data["categories"]] == ["bench", "shade"]
    assert data["categories"][0] == {**categories[0], "due_days": 14, "sensitive": False}
    assert data["categories"][1]["color"] == "#3366cc"
    assert list(Category.objects.filter(layer_id=data["id"]).values_list("key", flat=True)) == ["bench", "shade"]


@pytest.mark.parametrize(
    "category",
    [
        {"key": "Bad Key", "label_ko": "잘못"},
        {"key": "", "label_ko": "빈 키"},
        {"key": "ok", "label_ko": ""},
        {"key": "ok", "label_ko": "색", "color": "red"},
        {"key": "ok"},
    ],
)
def test_bad_custom_categories_are_refused(category, owner, users):
    map_ = new_map(users["owner"], "safety")
    assert_json_error(owner.post(f"/maps/{map_.pk}/layers", {"name": "x", "categories": [category]}), 400, 422)
    assert not Layer.objects.filter(map=map_).exists()


def test_layer_with_extra_fields_and_options(owner, users):
    fields = [{"key": "lamp_id", "label": "가로등 번호", "type": "text", "required": True}]
    data = add_layer(
        owner,
        new_map(users["owner"], "safety"),
        name="가로등",
        description="꺼진 가로등",
        geometry_kinds=["Point"],
        moderation="pre-moderated",
        fields=fields,
        order=3,
    ).json()
    assert (data["name"], data["description"], data["geometry_kinds"], data["moderation"], data["order"]) == (
        "가로등",
        "꺼진 가로등",
        ["Point"],
        "pre-moderated",
        3,
    )
    assert data["fields"][0]["key"] == "lamp_id" and data["fields"][0]["required"] is True


def test_listing_layers(owner, users):
    map_ = new_map(users["owner"], "safety")
    add_layer(owner, map_, name="둘째", order=2)
    add_layer(owner, map_, name="첫째", order=1)
    response = owner.get(f"/maps/{map_.pk}/layers")
    assert [layer["name"] for layer in response.json()] == ["첫째", "둘째"]
    assert len(owner.get(f"/maps/{map_.pk}").json()["layers"]) == 2


# --- categories in use -----------------------------------------------------------------------------------------


@pytest.fixture
def used(scenario):
    """The scenario's safety layer; its features use 'dark-alley'."""
    layer = scenario["layer"]
    assert Feature.objects.filter(layer=layer, category__key="dark-alley").count() == 2
    return layer


def category_state(layer):
    return list(Category.objects.filter(layer=layer).order_by("order", "pk").values_list("key", "label_ko", "order"))


def test_removing_a_used_category_is_409_and_nothing_changes(used, owner):
    before = category_state(used)
    response = owner.patch(
        f"/layers/{used.pk}",
        {
            "name": "새 이름",
            "categories": [{"key": "flooding", "label_ko": "물난리"}, {"key": "new", "label_ko": "새것"}],
        },
        **{"If-Match": used.etag},
    )
    detail = assert_json_error(response, 409)
    assert "dark-alley" in detail
    assert "2" in detail  # how many features still use it
    assert category_state(used) == before
    layer = Layer.objects.get(pk=used.pk)
    assert (layer.name, layer.version) == ("위험 제보", 1)
    assert Feature.objects.filter(layer=used, category__key="dark-alley").count() == 2


def test_unused_categories_can_be_removed_relabelled_and_added(used, owner):
    categories = [
        {"key": "dark-alley", "label_ko": "캄캄한 골목"},
        {"key": "flooding", "label_ko": "침수"},
        {"key": "noise", "label_ko": "소음"},
    ]
    response = owner.patch(f"/layers/{used.pk}", {"categories": categories}, **{"If-Match": used.etag})
    assert response.status_code == 200, response.content
    assert [(c["key"], c["label_ko"]) for c in response.json()["categories"]] == [
        ("dark-alley", "캄캄한 골목"),
        ("flooding", "침수"),
        ("noise", "소음"),
    ]
    assert category_state(used) == [("dark-alley", "캄캄한 골목", 0), ("flooding", "침수", 1), ("noise", "소음", 2)]
    # The features kept their category (same row, new label).
    assert Feature.objects.filter(layer=used, category__label_ko="캄캄한 골목").count() == 2
    assert response.json()["version"] == 2


# --- PATCH and If-Match ----------------------------------------------------------------------------------------


def test_patch_layer_without_if_match_is_428(used, owner):
    assert "If-Match" in assert_json_error(owner.patch(f"/layers/{used.pk}", {"name": "x"}), 428)
    assert_json_error(owner.patch(f"/layers/{used.pk}", {"name": "x"}, **{"If-Match": "*"}), 428)
    assert Layer.objects.get(pk=used.pk).name == "위험 제보"


def test_patch_layer_with_a_stale_etag_is_412(used, owner, users, api_as):
    etag = used.etag
    first = api_as(users["editor"]).patch(f"/layers/{used.pk}", {"name": "편집자"}, **{"If-Match": etag})
    assert first.status_code == 200
    assert first["ETag"] == f'"l{used.pk}-v2"'
    assert_json_error(owner.patch(f"/layers/{used.pk}", {"description": "주인"}, **{"If-Match": etag}), 412)
    layer = Layer.objects.get(pk=used.pk)
    assert (layer.name, layer.description, layer.version) == ("편집자", "", 2)


def test_patch_layer_with_a_map_etag_is_412(used, owner, scenario):
    assert_json_error(owner.patch(f"/layers/{used.pk}", {"name": "x"}, **{"If-Match": scenario["public"].etag}), 412)


def test_patch_layer_fields(used, owner):
    response = owner.patch(
        f"/layers/{used.pk}",
        {"moderation": "open", "geometry_kinds": ["Point", "Polygon"], "order": 5},
        **{"If-Match": used.etag},
    )
    assert response.status_code == 200
    layer = Layer.objects.get(pk=used.pk)
    assert (layer.moderation, layer.geometry_kinds, layer.order, layer.name) == (
        "open",
        ["Point", "Polygon"],
        5,
        "위험 제보",
    )


@pytest.mark.parametrize("body", [{"name": None}, {"name": ""}, {"geometry_kinds": ["Circle"]}, {"order": -1}])
def test_bad_layer_patch_changes_nothing(body, used, owner):
    assert_json_error(owner.patch(f"/layers/{used.pk}", body, **{"If-Match": used.etag}), 400, 422)
    layer = Layer.objects.get(pk=used.pk)
    assert (layer.name, layer.version, layer.geometry_kinds) == ("위험 제보", 1, ["Point", "LineString", "Polygon"])


# --- geometry kinds --------------------------------------------------------------------------------------------


@pytest.fixture
def points_only(owner, users):
    data = add_layer(owner, new_map(users["owner"], "safety"), name="지점만", geometry_kinds=["Point"]).json()
    return Layer.objects.get(pk=data["id"])


@pytest.mark.parametrize("geometry", [SQUARE, LINE], ids=["Polygon", "LineString"])
def test_point_only_layer_refuses_other_kinds(geometry, points_only, users, api_as):
    client = api_as(users["resident"])
    body = {"type": "Feature", "geometry": geometry, "properties": {"category": "other", "title": "x"}}
    detail = assert_json_error(client.post(f"/layers/{points_only.pk}/features", body), 400)
    assert "Point" in detail
    assert geometry["type"] in detail
    assert not Feature.objects.filter(layer=points_only).exists()
    assert client.post(f"/layers/{points_only.pk}/features", point_feature()).status_code == 201


def test_narrowed_kinds_apply_to_later_edits(points_only, users, api_as):
    client = api_as(users["resident"])
    created = client.post(f"/layers/{points_only.pk}/features", point_feature())
    response = client.patch(f"/features/{created.json()['id']}", {"geometry": SQUARE}, **{"If-Match": created["ETag"]})
    assert "Point" in assert_json_error(response, 400)
    assert Feature.objects.get(pk=created.json()["id"]).geometry.geom_type == "Point"


def test_polygon_and_line_layer_accepts_both(owner, users, api_as):
    data = add_layer(owner, new_map(users["owner"], "safety"), geometry_kinds=["LineString", "Polygon"]).json()
    client = api_as(users["resident"])
    for geometry in (SQUARE, LINE):
        body = {"type": "Feature", "geometry": geometry, "properties": {"category": "other", "title": "x"}}
        assert client.post(f"/layers/{data['id']}/features", body).status_code == 201
    detail = assert_json_error(client.post(f"/layers/{data['id']}/features", point_feature()), 400)
    assert "LineString" in detail and "Polygon" in detail


def test_deleting_a_layer_removes_its_features(used, owner):
    feature_ids = list(Feature.objects.filter(layer=used).values_list("pk", flat=True))
    assert owner.delete(f"/layers/{used.pk}").status_code == 204
    assert not Feature.objects.filter(pk__in=feature_ids).exists()
    assert not Category.objects.filter(layer_id=used.pk).exists()


def test_a_layer_the_district_handles_with_due_days_and_a_sensitive_category(owner, users):
    categories = [
        {"key": "crime", "label_ko": "범죄 불안", "sensitive": True, "due_days": 3},
        {"key": "other", "label_ko": "기타"},
    ]
    data = add_layer(owner, new_map(users["owner"], "safety"), categories=categories, workflow=True).json()
    assert data["workflow"] is True
    assert (data["categories"][0]["sensitive"], data["categories"][0]["due_days"]) == (True, 3)
    assert Category.objects.get(layer_id=data["id"], key="crime").sensitive


def test_only_admins_make_a_sensitive_category_public_again(api_as, owner, users):
    layer = add_layer(
        owner,
        new_map(users["owner"], "safety"),
        categories=[{"key": "crime", "label_ko": "범죄 불안", "sensitive": True}],
    ).json()
    lowered = {"categories": [{"key": "crime", "label_ko": "범죄 불안", "sensitive": False}]}
    refused = owner.patch(f"/layers/{layer['id']}", lowered, **{"If-Match": f'"l{layer["id"]}-v1"'})
    assert refused.status_code == 403 and Category.objects.get(layer_id=layer["id"]).sensitive
    admin = api_as(users["admin"])
    assert admin.patch(f"/layers/{layer['id']}", lowered, **{"If-Match": f'"l{layer["id"]}-v1"'}).status_code == 200
    assert not Category.objects.get(layer_id=layer["id"]).sensitive
