"""Theme maps through /api/v1/maps: defaults, editors, districts, versions, slugs, filters and deletion.

Which role may read or change which map is in test_permission_matrix.py; here
is what a change does, and what it refuses.
"""

import pytest

from layers.models import Category, Feature, FeatureChange, Layer
from layers.services.features import update_feature
from layers.services.layers import create_layer
from mapping.models import Map

from .conftest import add_feature, assert_json_error


@pytest.fixture
def owner(users, api_as):
    return api_as(users["owner"])


def create_map(client, **body):
    response = client.post("/maps", {"title": "우리 동네 지도", **body})
    assert response.status_code == 201, response.content
    return response


def test_create_with_defaults(owner, users):
    response = create_map(owner)
    data = response.json()
    map_ = Map.objects.get(pk=data["id"])
    assert response["ETag"] == f'"m{map_.pk}-v1"'
    assert data["title"] == "우리 동네 지도"
    assert data["description"] == ""
    assert data["kind"] == "other"
    assert data["district"] is None
    assert data["owner"] == "owner"
    assert data["editors"] == []
    assert data["visibility"] == "public"
    assert data["contribution"] == "anyone"
    assert data["allow_outside_korea"] is False
    assert data["version"] == 1
    assert data["layers"] == []
    assert data["slug"] == map_.slug == "우리-동네-지도"
    assert map_.owner == users["owner"]
    read = owner.get(f"/maps/{map_.pk}")
    assert read.status_code == 200
    assert read["ETag"] == response["ETag"]
    assert read.json() == data


def test_create_with_everything(owner, junggu):
    response = create_map(
        owner,
        title="중구 안전지도",
        description="밤길 걱정되는 곳",
        kind="safety",
        district="11140",
        visibility="unlisted",
        contribution="editors",
        allow_outside_korea=True,
        editors=["editor", "reviewer"],
    )
    data = response.json()
    assert (data["kind"], data["district"], data["visibility"], data["contribution"]) == (
        "safety",
        "11140",
        "unlisted",
        "editors",
    )
    assert data["allow_outside_korea"] is True
    assert sorted(data["editors"]) == ["editor", "reviewer"]
    map_ = Map.objects.get(pk=data["id"])
    assert map_.district == junggu
    assert sorted(map_.editors.values_list("username", flat=True)) == ["editor", "reviewer"]


def test_unknown_editor_is_400_and_no_map_is_made(owner, users):
    before = Map.objects.count()
    response = owner.post("/maps", {"title": "편집자 오류", "editors": ["editor", "ghost", "nobody"]})
    detail = assert_json_error(response, 400)
    assert "ghost" in detail and "nobody" in detail
    assert "editor," not in detail
    assert Map.objects.count() == before


def test_inactive_editor_is_refused(owner, users):
    users["editor"].is_active = False
    users["editor"].save()
    assert "editor" in assert_json_error(owner.post("/maps", {"title": "x", "editors": ["editor"]}), 400)


def test_unknown_district_is_400(owner, junggu):
    before = Map.objects.count()
    detail = assert_json_error(owner.post("/maps", {"title": "구 오류", "district": "99999"}), 400)
    assert "99999" in detail
    assert Map.objects.count() == before


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"title": ""},
        {"title": "가" * 201},
        {"title": "x", "kind": "party"},
        {"title": "x", "visibility": "secret"},
        {"title": "x", "contribution": "everyone"},
        {"title": "x", "editors": "editor"},
        {"title": ["x"]},
    ],
)
def test_bad_map_bodies_are_4xx(body, owner):
    before = Map.objects.count()
    assert_json_error(owner.post("/maps", body), 400, 422)
    assert Map.objects.count() == before


# --- PATCH and If-Match ----------------------------------------------------------------------------------------


@pytest.fixture
def made(owner, junggu):
    """A map the owner made with the editor, and the response that made it."""
    return create_map(owner, title="원래 지도", editors=["editor"])


def test_patch_without_if_match_is_428(made, owner):
    map_id = made.json()["id"]
    assert "If-Match" in assert_json_error(owner.patch(f"/maps/{map_id}", {"title": "새 제목"}), 428)
    assert_json_error(owner.patch(f"/maps/{map_id}", {"title": "새 제목"}, **{"If-Match": "*"}), 428)
    assert Map.objects.get(pk=map_id).title == "원래 지도"


def test_patch_with_a_stale_etag_is_412(made, owner):
    map_id = made.json()["id"]
    first = owner.patch(f"/maps/{map_id}", {"title": "첫 수정"}, **{"If-Match": made["ETag"]})
    assert first.status_code == 200
    second = owner.patch(f"/maps/{map_id}", {"description": "두 번째"}, **{"If-Match": made["ETag"]})
    assert_json_error(second, 412)
    map_ = Map.objects.get(pk=map_id)
    assert (map_.title, map_.description, map_.version) == ("첫 수정", "", 2)


def test_patch_with_another_resources_etag_is_412(made, owner, scenario):
    map_id = made.json()["id"]
    response = owner.patch(f"/maps/{map_id}", {"title": "x"}, **{"If-Match": scenario["public"].etag})
    assert_json_error(response, 412)
    assert Map.objects.get(pk=map_id).title == "원래 지도"


def test_patch_with_the_right_etag(made, owner, junggu):
    map_id = made.json()["id"]
    response = owner.patch(
        f"/maps/{map_id}",
        {"title": "새 제목", "kind": "safety", "district": "11140", "visibility": "private"},
        **{"If-Match": made["ETag"]},
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["title"], data["kind"], data["district"], data["visibility"], data["version"]) == (
        "새 제목",
        "safety",
        "11140",
        "private",
        2,
    )
    assert response["ETag"] == f'"m{map_id}-v2"'
    assert data["editors"] == ["editor"]  # not sent, not changed
    assert data["slug"] == made.json()["slug"]  # links keep working after a rename


def test_patch_unknown_district_or_null_changes_nothing(made, owner):
    map_id = made.json()["id"]
    assert_json_error(owner.patch(f"/maps/{map_id}", {"district": "99999"}, **{"If-Match": made["ETag"]}), 400)
    assert_json_error(owner.patch(f"/maps/{map_id}", {"title": None}, **{"If-Match": made["ETag"]}), 400, 422)
    assert_json_error(owner.patch(f"/maps/{map_id}", {"editors": ["ghost"]}, **{"If-Match": made["ETag"]}), 400)
    map_ = Map.objects.get(pk=map_id)
    assert (map_.title, map_.version) == ("원래 지도", 1)
    assert list(map_.editors.values_list("username", flat=True)) == ["editor"]


def test_editor_can_change_the_title(made, users, api_as):
    map_id = made.json()["id"]
    response = api_as(users["editor"]).patch(
        f"/maps/{map_id}", {"title": "편집자가 바꿈"}, **{"If-Match": made["ETag"]}
    )
    assert response.status_code == 200, response.content
    assert Map.objects.get(pk=map_id).title == "편집자가 바꿈"


@pytest.mark.parametrize("change", [{"visibility": "private"}, {"editors": []}, {"editors": ["editor", "planner"]}])
def test_editor_cannot_change_visibility_or_editors(change, made, users, api_as):
    map_id = made.json()["id"]
    response = api_as(users["editor"]).patch(
        f"/maps/{map_id}", {"title": "몰래", **change}, **{"If-Match": made["ETag"]}
    )
    assert_json_error(response, 403)
    map_ = Map.objects.get(pk=map_id)
    assert (map_.title, map_.visibility, map_.version) == ("원래 지도", "public", 1)
    assert list(map_.editors.values_list("username", flat=True)) == ["editor"]


def test_owner_changes_editors(made, owner):
    map_id = made.json()["id"]
    response = owner.patch(f"/maps/{map_id}", {"editors": ["planner"]}, **{"If-Match": made["ETag"]})
    assert response.status_code == 200
    assert response.json()["editors"] == ["planner"]
    assert list(Map.objects.get(pk=map_id).editors.values_list("username", flat=True)) == ["planner"]


# --- slugs -----------------------------------------------------------------------------------------------------


def test_same_korean_title_gets_two_hangul_slugs(owner):
    first = create_map(owner, title="중구 안전 지도").json()["slug"]
    second = create_map(owner, title="중구 안전 지도").json()["slug"]
    assert first != second
    assert first == "중구-안전-지도"
    assert second.startswith("중구-안전-지도")
    assert Map.objects.filter(slug__in=[first, second]).count() == 2


def test_title_without_letters_still_gets_a_slug(owner):
    first = create_map(owner, title="!!!").json()["slug"]
    second = create_map(owner, title="???").json()["slug"]
    assert first and second and first != second


def test_long_korean_title_fits_the_slug(owner):
    slug = create_map(owner, title="아주 " * 60).json()["slug"]
    assert 0 < len(slug) <= 80
    assert slug.startswith("아주-아주")


# --- filters ---------------------------------------------------------------------------------------------------


@pytest.fixture
def catalogue(users, junggu, jongnogu):
    owner, other = users["owner"], users["planner"]
    maps = {
        "safety-junggu": Map.objects.create(title="중구 밤길", kind="safety", district=junggu, owner=owner),
        "sharing-junggu": Map.objects.create(
            title="중구 맛집", description="을지로 노포", kind="sharing", district=junggu, owner=other
        ),
        "safety-jongno": Map.objects.create(title="종로 침수", kind="safety", district=jongnogu, owner=other),
        "other": Map.objects.create(title="자전거길", kind="other", owner=other),
    }
    maps["other"].editors.add(owner)
    return maps


def listed(client, query):
    response = client.get(f"/maps?{query}")
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["count"] == len(data["items"])
    return {item["title"] for item in data["items"]}


def test_filter_by_kind(catalogue, api_as):
    assert listed(api_as(None), "kind=safety") == {"중구 밤길", "종로 침수"}
    assert listed(api_as(None), "kind=sharing") == {"중구 맛집"}


def test_filter_by_district(catalogue, api_as):
    assert listed(api_as(None), "district=11140") == {"중구 밤길", "중구 맛집"}
    assert listed(api_as(None), "district=11140&kind=safety") == {"중구 밤길"}


def test_filter_by_text_in_title_or_description(catalogue, api_as):
    assert listed(api_as(None), "q=중구") == {"중구 밤길", "중구 맛집"}
    assert listed(api_as(None), "q=노포") == {"중구 맛집"}
    assert listed(api_as(None), "q=없는말") == set()


def test_mine_lists_what_i_own_or_edit(catalogue, users, api_as):
    assert listed(api_as(users["owner"]), "mine=true") == {"중구 밤길", "자전거길"}
    assert listed(api_as(users["resident"]), "mine=true") == set()
    assert listed(api_as(users["owner"]), "mine=false") == {"중구 밤길", "중구 맛집", "종로 침수", "자전거길"}


def test_mine_needs_a_caller(catalogue, api_as):
    assert_json_error(api_as(None).get("/maps?mine=true"), 401)


def test_unknown_kind_filter_is_refused(catalogue, api_as):
    assert_json_error(api_as(None).get("/maps?kind=party"), 400, 422)


def test_list_paging(catalogue, api_as):
    data = api_as(None).get("/maps?limit=2&offset=1").json()
    assert data["count"] == 4
    assert len(data["items"]) == 2


# --- deletion --------------------------------------------------------------------------------------------------


def test_deleting_a_map_removes_its_layers_and_features(scenario, users, owner):
    public = scenario["public"]
    layer = scenario["layer"]
    second = create_layer(public, {"name": "두 번째 레이어"})
    add_feature(second, users["resident"], title="두 번째 레이어 제보")
    published = scenario["published"]
    update_feature(users["resident"], published.pk, {"title": "수정"}, expected_version=published.version)
    layer_ids = [layer.pk, second.pk]
    feature_ids = list(Feature.objects.filter(layer__in=layer_ids).values_list("pk", flat=True))
    assert len(feature_ids) == 3
    assert FeatureChange.objects.filter(layer__in=layer_ids).exists()
    kept = set(Feature.objects.exclude(layer__in=layer_ids).values_list("pk", flat=True))

    response = owner.delete(f"/maps/{public.pk}")
    assert response.status_code == 204
    assert not Map.objects.filter(pk=public.pk).exists()
    assert not Layer.objects.filter(pk__in=layer_ids).exists()
    assert not Category.objects.filter(layer__in=layer_ids).exists()
    assert not Feature.objects.filter(pk__in=feature_ids).exists()
    assert not FeatureChange.objects.filter(layer__in=layer_ids).exists()
    assert set(Feature.objects.values_list("pk", flat=True)) == kept  # other maps keep theirs
    assert owner.get(f"/maps/{public.pk}").status_code == 404
    assert owner.get(f"/layers/{layer.pk}").status_code == 404
    assert owner.get(f"/features/{feature_ids[0]}").status_code == 404


def test_unknown_map_is_404(owner, db):
    assert_json_error(owner.get("/maps/987654321"), 404)
    assert_json_error(owner.delete("/maps/987654321"), 404)
