"""Opening, changing and joining campaigns: who may, what the area and dates must be, versions on changes."""

from datetime import timedelta

import pytest
from django.utils import timezone

from guides.models import Campaign, CampaignParticipant
from tests.api.conftest import ApiClient, assert_json_error

from .conftest import square_area

pytestmark = pytest.mark.django_db


def body(map_, **changes):
    today = timezone.localdate()
    area = {"type": "Polygon", "coordinates": [list(map(list, square_area()[0][0]))]}
    return {
        "map": map_.pk, "title": "필동 밤길", "goal": "어두운 골목 모두", "organiser": "필동 주민모임", "area": area,
        "starts": str(today), "ends": str(today + timedelta(days=2)), "cell_metres": 100, **changes,
    }  # fmt: skip


def test_the_map_owner_opens_a_group_campaign_and_a_reviewer_a_district_one(safety_map, hazards, users):
    group = ApiClient(users["owner"]).post("/campaigns", body(safety_map, category="dark-alley"))
    assert group.status_code == 201, group.content
    assert group.json()["district"] is None and group.json()["category"] == "dark-alley"
    district = ApiClient(users["reviewer"]).post("/campaigns", body(safety_map, organiser="중구 안전총괄과"))
    assert district.status_code == 201 and district.json()["district"] == "11140"
    assert district.json()["phase"] == "running"


@pytest.mark.parametrize("role", ["resident", "other_reviewer", "staff"])
def test_others_cannot_open_a_campaign_on_the_map(safety_map, users, role):
    assert_json_error(ApiClient(users[role]).post("/campaigns", body(safety_map)), 403)
    assert not Campaign.objects.exists()


def test_bad_areas_and_dates_are_refused_with_a_reason(safety_map, users, settings):
    api = ApiClient(users["owner"])
    line = {"type": "LineString", "coordinates": [[126.99, 37.56], [127.0, 37.57]]}
    assert_json_error(api.post("/campaigns", body(safety_map, area=line)), 400)
    abroad = {"type": "Polygon", "coordinates": [[[2.3, 48.8], [2.4, 48.8], [2.4, 48.9], [2.3, 48.8]]]}
    assert "Korea" in assert_json_error(api.post("/campaigns", body(safety_map, area=abroad)), 400)
    backwards = body(safety_map, ends=str(timezone.localdate() - timedelta(days=1)))
    assert_json_error(api.post("/campaigns", backwards), 400)
    settings.CAMPAIGN_MAX_CELLS = 10
    assert "칸" in assert_json_error(api.post("/campaigns", body(safety_map)), 400)  # 16 cells of 100 m (Korean)
    assert not Campaign.objects.exists()


def test_changes_need_the_version_read(safety_map, users):
    api = ApiClient(users["owner"])
    created = api.post("/campaigns", body(safety_map))
    path = f"/campaigns/{created.json()['id']}"
    assert_json_error(api.patch(path, {"goal": "새 목표"}), 428)
    changed = api.patch(path, {"goal": "새 목표", "closing_note": "고맙습니다"}, **{"If-Match": created["ETag"]})
    assert changed.status_code == 200 and changed.json()["goal"] == "새 목표"
    assert_json_error(api.patch(path, {"goal": "늦은 목표"}, **{"If-Match": created["ETag"]}), 412)
    assert_json_error(ApiClient(users["resident"]).patch(path, {"goal": "x"}, **{"If-Match": changed["ETag"]}), 403)


def test_residents_join_once_choose_the_leaderboard_and_leave(safety_map, users):
    campaign_id = ApiClient(users["owner"]).post("/campaigns", body(safety_map)).json()["id"]
    resident = ApiClient(users["resident"])
    path = f"/campaigns/{campaign_id}/participation"
    assert resident.put(path, {"on_leaderboard": False}).json() == {
        "joined": True,
        "on_leaderboard": False,
        "participants": 1,
    }
    assert resident.put(path, {"on_leaderboard": True}).json()["on_leaderboard"] is True
    assert CampaignParticipant.objects.count() == 1
    assert resident.delete(path).json() == {"joined": False, "on_leaderboard": False, "participants": 0}
    assert_json_error(ApiClient(None).put(path, {}), 401)


def test_a_finished_campaign_takes_no_one(campaign, users):
    assert_json_error(ApiClient(users["resident"]).put(f"/campaigns/{campaign.pk}/participation", {}), 400)


def test_a_campaign_on_a_private_map_is_hidden_from_outsiders(campaign, users):
    campaign.map.visibility = "private"
    campaign.map.save()
    assert_json_error(ApiClient(users["resident"]).get(f"/campaigns/{campaign.pk}/progress"), 404)
    assert ApiClient(users["owner"]).get(f"/campaigns/{campaign.pk}/progress").status_code == 200


def test_the_pages_open_and_join_a_campaign(client, safety_map, hazards, users):
    client.force_login(users["owner"])
    form = body(safety_map)
    area = '{"type": "Polygon", "coordinates": ' + str(form["area"]["coordinates"]) + "}"
    data = {
        **{key: form[key] for key in ("map", "title", "goal", "organiser", "starts", "ends", "cell_metres")},
        "area": area,
    }
    response = client.post("/campaigns/new/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    campaign = Campaign.objects.get()
    client.force_login(users["resident"])
    client.post(f"/campaigns/{campaign.pk}/join/", {"on_leaderboard": "on"})
    assert CampaignParticipant.objects.get(campaign=campaign).on_leaderboard
    page = client.get(f"/campaigns/{campaign.pk}/").content.decode()
    assert "campaign-live.js" in page and "캠페인 참여 그만두기" in page


def test_the_organiser_writes_the_closing_note_shown_on_the_summary(client, campaign, users):
    client.force_login(users["reviewer"])
    form = client.get(f"/campaigns/{campaign.pk}/edit/").context["form"]
    data = {name: form.initial.get(name) or getattr(campaign, name, "") for name in ("title", "goal", "organiser")}
    data |= {"starts": "2026-05-01", "ends": "2026-05-03", "cell_metres": 100, "area": campaign.area.geojson}
    data |= {"closing_note": "함께 걸어 주셔서 고맙습니다.", "version": campaign.version}
    assert client.post(f"/campaigns/{campaign.pk}/edit/", data).status_code == 302
    summary = client.get(f"/campaigns/{campaign.pk}/summary/").content.decode()
    assert "함께 걸어 주셔서 고맙습니다." in summary and f"/campaigns/{campaign.pk}/summary/" in summary
    stale = client.post(f"/campaigns/{campaign.pk}/edit/", {**data, "closing_note": "늦은 글"})
    assert stale.status_code == 200 and "늦은 글" in stale.content.decode()
    client.force_login(users["resident"])
    assert client.get(f"/campaigns/{campaign.pk}/edit/").status_code == 403
