"""Choosing what to map: nominate, support once, decide with a published reason (If-Match), and a selected
nomination's template makes a new map — or a layer — with its categories, on the new-map page too."""

import pytest

from guides.models import Nomination, NominationSupport, TopicTemplate
from layers.models import Layer
from mapping.models import Map
from tests.api.conftest import ApiClient, assert_json_error

pytestmark = pytest.mark.django_db

RAMPS = {
    "title": "보도 턱과 계단",
    "kind": "administrative",
    "reason": "휠체어가 지나갈 수 없습니다.",
    "district": "11140",
}
SELECTION = {
    "selected": True,
    "reason": "보행 약자 이동권에 바로 쓰입니다.",
    "template": {
        "label_ko": "보행 장애물",
        "label_en": "Walking obstacles",
        "map_kind": "safety",
        "geometry_kinds": ["Point"],
        "categories": [{"label_ko": "보도 턱", "label_en": "Kerb"}, {"label_ko": "계단", "label_en": "Steps"}],
    },
}


@pytest.fixture
def nomination(users):
    response = ApiClient(users["resident"]).post("/nominations", RAMPS)
    assert response.status_code == 201, response.content
    return Nomination.objects.get(pk=response.json()["id"])


def test_support_is_once_per_user_and_never_ones_own(nomination, users):
    path = f"/nominations/{nomination.pk}/support"
    editor = ApiClient(users["editor"])
    assert editor.put(path).json() == {"support_count": 1, "supported": True}
    assert editor.put(path).json()["support_count"] == 1
    assert ApiClient(users["owner"]).put(path).json()["support_count"] == 2
    assert_json_error(ApiClient(users["resident"]).put(path), 403)
    assert editor.delete(path).json() == {"support_count": 1, "supported": False}
    nomination.refresh_from_db()
    assert nomination.support_count == NominationSupport.objects.filter(nomination=nomination).count() == 1


def test_authors_are_residents_unless_they_chose_to_be_named(nomination, users):
    assert ApiClient(None).get(f"/nominations/{nomination.pk}").json()["author"] == "주민"
    assert ApiClient(users["resident"]).get(f"/nominations/{nomination.pk}").json()["author"] == "resident"
    assert ApiClient(users["reviewer"]).get(f"/nominations/{nomination.pk}").json()["author"] == "resident"


def test_selection_makes_a_template_and_a_new_map_from_it(nomination, users, client):
    reviewer = ApiClient(users["reviewer"])
    etag = reviewer.get(f"/nominations/{nomination.pk}")["ETag"]
    decided = reviewer.post(f"/nominations/{nomination.pk}/decision", SELECTION, **{"If-Match": etag})
    assert decided.status_code == 200, decided.content
    body = decided.json()
    assert body["state"] == "selected" and body["decision_reason"] == "보행 약자 이동권에 바로 쓰입니다."
    template = TopicTemplate.objects.get(nomination=nomination)
    assert [category["key"] for category in template.categories] == ["kerb", "steps"]
    assert body["template"]["key"] == template.key
    assert ApiClient(None).get(f"/nominations/{nomination.pk}").json()["decision_reason"] == body["decision_reason"]
    client.force_login(users["owner"])
    page = client.get("/maps/new/").content.decode()
    assert f'value="topic-{template.key}"' in page and "보행 장애물" in page
    for key in ("safety", "sharing", "blank"):
        assert f'value="{key}"' in page
    response = client.post(
        "/maps/new/", {"template": f"topic-{template.key}", "title": "필동 보행 장애물", "visibility": "public"}
    )
    map_ = Map.objects.get(title="필동 보행 장애물")
    assert response["Location"] == f"/maps/{map_.pk}/" and map_.kind == "safety"
    [layer] = map_.layers.all()
    assert layer.name == "보행 장애물" and layer.geometry_kinds == ["Point"]
    assert list(layer.categories.values_list("label_ko", flat=True)) == ["보도 턱", "계단"]


def test_a_template_layer_is_added_to_a_map_its_user_manages(nomination, users, safety_map):
    reviewer = ApiClient(users["reviewer"])
    etag = reviewer.get(f"/nominations/{nomination.pk}")["ETag"]
    for_a_layer = {**SELECTION, "template": {**SELECTION["template"], "scope": "layer"}}
    reviewer.post(f"/nominations/{nomination.pk}/decision", for_a_layer, **{"If-Match": etag})
    key = TopicTemplate.objects.get().key
    assert_json_error(ApiClient(users["resident"]).post(f"/topic-templates/{key}/layers", {"map": safety_map.pk}), 403)
    added = ApiClient(users["owner"]).post(f"/topic-templates/{key}/layers", {"map": safety_map.pk})
    assert added.status_code == 201
    assert Layer.objects.get(pk=added.json()["id"]).categories.count() == 2
    made = ApiClient(users["resident"]).post(f"/topic-templates/{key}/maps", {"title": "내 장애물 지도"})
    assert made.status_code == 201 and Map.objects.get(pk=made.json()["id"]).owner == users["resident"]


def test_decisions_need_the_district_staff_a_reason_and_the_version_read(nomination, users):
    path = f"/nominations/{nomination.pk}/decision"
    etag = nomination.etag
    decline = {"selected": False, "reason": "이미 구청 자료가 있습니다."}
    assert_json_error(ApiClient(users["other_reviewer"]).post(path, decline, **{"If-Match": etag}), 403)
    assert_json_error(ApiClient(users["resident"]).post(path, decline, **{"If-Match": etag}), 403)
    reviewer = ApiClient(users["reviewer"])
    assert_json_error(reviewer.post(path, decline), 428)
    assert_json_error(reviewer.post(path, {"selected": False, "reason": ""}, **{"If-Match": etag}), 422)
    assert_json_error(reviewer.post(path, {"selected": True, "reason": "좋아요"}, **{"If-Match": etag}), 400)
    assert reviewer.post(path, decline, **{"If-Match": etag}).json()["state"] == "declined"
    assert_json_error(reviewer.post(path, decline, **{"If-Match": etag}), 412)
    assert_json_error(ApiClient(users["editor"]).put(f"/nominations/{nomination.pk}/support"), 409)
    assert not TopicTemplate.objects.exists()


def test_city_wide_nominations_are_decided_by_administrators(users):
    nomination = ApiClient(users["resident"]).post("/nominations", {**RAMPS, "district": None}).json()
    path, decline = f"/nominations/{nomination['id']}/decision", {"selected": False, "reason": "중복"}
    etag = f'"n{nomination["id"]}-v1"'
    assert_json_error(ApiClient(users["reviewer"]).post(path, decline, **{"If-Match": etag}), 403)
    assert ApiClient(users["admin"]).post(path, decline, **{"If-Match": etag}).status_code == 200


def test_the_pages_nominate_support_and_decide(client, users):
    client.force_login(users["resident"])
    response = client.post(
        "/topics/", {"title": "골목 그늘", "kind": "know-how", "reason": "여름에 쉴 곳", "example": ""}
    )
    nomination = Nomination.objects.get()
    assert response["Location"] == f"/topics/{nomination.pk}/"
    client.force_login(users["editor"])
    client.post(f"/topics/{nomination.pk}/support/")
    nomination.refresh_from_db()
    assert nomination.support_count == 1
    client.force_login(users["admin"])
    decision = {"decision": "select", "reason": "여름 대책에 씁니다", "version": nomination.version,
                "label_ko": "골목 그늘", "scope": "map", "map_kind": "other", "geometry_kinds": ["Point", "Polygon"],
                "categories": "그늘 | Shade\n쉼터 | Shelter"}  # fmt: skip
    client.post(f"/topics/{nomination.pk}/decide/", decision)
    template = TopicTemplate.objects.get(nomination=nomination)
    assert [c["label_en"] for c in template.categories] == ["Shade", "Shelter"]
    page = client.get(f"/topics/{nomination.pk}/").content.decode()
    assert "여름 대책에 씁니다" in page and f"template=topic-{template.key}" in page
