"""The district's API: moderation decisions with If-Match, the queue with filters and sorts, bulk
decisions, stages, referrals, merging (the merged address resolves to the survivor), timelines as
each viewer reads them, a department's assignments, the dashboard and the public moderation log."""

from datetime import timedelta

import pytest
from django.utils import timezone

from layers.models import DistrictPolicy, Feature, FeatureStatus
from layers.services.layers import create_layer
from layers.services.votes import cast_vote
from mapping.models import Map, User

from .conftest import assert_json_error, point_feature

pytestmark = pytest.mark.django_db


@pytest.fixture
def hazards(users, junggu):
    map_ = Map.objects.create(title="중구 안전지도", kind="safety", district=junggu, owner=users["owner"])
    return create_layer(map_, {"name": "위험 요소", "moderation": "pre-moderated", "workflow": True})


def post_report(api_as, user, layer, **properties):
    response = api_as(user).post(f"/layers/{layer.pk}/features", point_feature(**properties))
    assert response.status_code == 201, response.content
    return response.json()


def etag(api, feature_id):
    return api.get(f"/features/{feature_id}")["ETag"]


def test_approve_needs_if_match_and_a_reviewer(api_as, users, hazards):
    report = post_report(api_as, users["resident"], hazards)
    reviewer = api_as(users["reviewer"])
    assert_json_error(reviewer.post(f"/features/{report['id']}/moderation", {"action": "approve"}), 428)
    assert_json_error(
        reviewer.post(f"/features/{report['id']}/moderation", {"action": "approve"}, **{"If-Match": '"f1-v9"'}), 412
    )
    resident = api_as(users["owner"])
    answer = resident.post(
        f"/features/{report['id']}/moderation", {"action": "approve"}, **{"If-Match": etag(reviewer, report["id"])}
    )
    assert_json_error(answer, 404)  # the owner of the map cannot even see the pending report
    answer = reviewer.post(
        f"/features/{report['id']}/moderation", {"action": "approve"}, **{"If-Match": etag(reviewer, report["id"])}
    )
    assert answer.status_code == 200 and answer.json()["properties"]["status"] == "published"
    assert answer["ETag"] == f'"f{report["id"]}-v2"'


def test_reject_names_a_reason_and_the_log_is_public_without_author(api_as, users, hazards):
    report = post_report(api_as, users["resident"], hazards, title="실명 김민지")
    reviewer = api_as(users["reviewer"])
    reasons = api_as(None).get("/moderation/reasons").json()
    assert {
        "code": "personal-data",
        "label_ko": "개인정보 포함",
        "label_en": "Contains personal information",
    } in reasons
    body = {"action": "reject", "rule": "nope"}
    assert_json_error(
        reviewer.post(f"/features/{report['id']}/moderation", body, **{"If-Match": etag(reviewer, report["id"])}), 400
    )
    body = {"action": "reject", "rule": "personal-data", "public_reason": "실명이 있습니다"}
    assert (
        reviewer.post(
            f"/features/{report['id']}/moderation", body, **{"If-Match": etag(reviewer, report["id"])}
        ).status_code
        == 200
    )
    public = api_as(None).get("/moderation-log").json()
    assert public["numberMatched"] == 1
    entry = public["entries"][0]
    assert entry["rule"] == "개인정보 포함" and entry["public_reason"] == "실명이 있습니다" and entry["item_id"] is None
    assert "resident" not in str(public) and "김민지" not in str(public)
    assert (
        api_as(users["reviewer"]).get("/moderation-log?district=11140").json()["entries"][0]["item_id"] == report["id"]
    )
    assert api_as(None).get("/moderation-log?district=11110").json()["numberMatched"] == 0


def test_the_queue_filters_sorts_and_belongs_to_reviewers(api_as, users, hazards):
    older = post_report(api_as, users["resident"], hazards, title="오래된 제보")
    newer = post_report(api_as, users["owner"], hazards, title="새 제보", category="flooding", lon=126.995)
    Feature.objects.filter(pk=older["id"]).update(created=timezone.now() - timedelta(days=10))
    reviewer = api_as(users["reviewer"])

    def titles(query=""):
        return [f["properties"]["title"] for f in reviewer.get(f"/review/queue{query}").json()["features"]]

    assert titles() == ["오래된 제보", "새 제보"]
    assert titles("?sort=newest") == ["새 제보", "오래된 제보"]
    assert titles("?category=flooding") == ["새 제보"]
    assert titles("?older_than_days=7") == ["오래된 제보"]
    assert titles("?category=flooding&sort=votes") == [newer["properties"]["title"]]
    assert_json_error(api_as(users["resident"]).get("/review/queue"), 403)
    assert_json_error(api_as(users["other_reviewer"]).get("/review/queue?district=11140"), 403)
    assert api_as(users["other_reviewer"]).get("/review/queue").json()["numberMatched"] == 0


def test_the_queue_sorts_by_votes(api_as, users, hazards, junggu):
    layer = create_layer(hazards.map, {"name": "바로 공개", "workflow": True})
    quiet = post_report(api_as, users["resident"], layer, title="조용한 제보")
    loud = post_report(api_as, users["resident"], layer, title="공감 많은 제보", lon=126.995)
    for name in ("a", "b"):
        cast_vote(User.objects.create_user(name, password="x"), loud["id"])
    reviewer = api_as(users["reviewer"])
    ranked = reviewer.get("/review/queue?sort=votes").json()["features"]
    assert [f["id"] for f in ranked] == [loud["id"], quiet["id"]]
    assert [f["id"] for f in reviewer.get("/review/queue?min_votes=2").json()["features"]] == [loud["id"]]


def test_bulk_decisions_report_each_item(api_as, users, hazards):
    first = post_report(api_as, users["resident"], hazards)
    second = post_report(api_as, users["resident"], hazards, lon=126.995)
    answer = api_as(users["reviewer"]).post(
        "/review/bulk",
        {
            "action": "reject",
            "rule": "off-topic",
            "items": [{"id": first["id"], "version": 1}, {"id": second["id"], "version": 3}],
        },
    )
    assert answer.status_code == 200
    results = {row["id"]: row for row in answer.json()}
    assert results[first["id"]]["ok"] and results[first["id"]]["version"] == 2
    assert not results[second["id"]]["ok"] and results[second["id"]]["status"] == 412
    assert Feature.objects.get(pk=second["id"]).status == FeatureStatus.PENDING
    assert_json_error(
        api_as(users["reviewer"]).post(
            "/review/bulk", {"action": "reject", "rule": "", "items": [{"id": 1, "version": 1}]}
        ),
        400,
    )


def test_stages_through_the_api_with_the_timeline_per_viewer(api_as, users, hazards):
    report = post_report(api_as, users["resident"], hazards)
    reviewer, staff = api_as(users["reviewer"]), api_as(users["staff"])
    department = users["staff"].department

    def step(api, body):
        return api.post(f"/features/{report['id']}/stage", body, **{"If-Match": etag(api, report["id"])})

    assigned = step(reviewer, {"to": "assigned", "department": department.pk, "note": "급함"})
    assert assigned.status_code == 200
    assert_json_error(step(staff, {"to": "declined", "answer": "안 합니다"}), 403)
    assert step(staff, {"to": "in_progress"}).status_code == 200
    assert_json_error(step(staff, {"to": "resolved"}), 400)
    assert step(staff, {"to": "resolved", "answer": "가로등을 고쳤습니다."}).status_code == 200
    assert_json_error(step(staff, {"to": "bogus"}), 422, 400)

    public = api_as(None)
    assert_json_error(public.get(f"/features/{report['id']}/timeline"), 404)  # still pending: not public
    reviewer_view = reviewer.get(f"/features/{report['id']}/timeline").json()
    assert [row["to_stage"] for row in reviewer_view if row["kind"] == "stage"] == [
        "assigned",
        "in_progress",
        "resolved",
    ]
    assert reviewer_view[0]["note"] == "급함" and reviewer_view[0]["actor"] == "reviewer"
    author_view = api_as(users["resident"]).get(f"/features/{report['id']}/timeline").json()
    assert (
        author_view[0]["note"] is None and author_view[0]["actor"] is None and author_view[0]["by"] == "중구 안전 담당"
    )
    assert author_view[-1]["text"] == "가로등을 고쳤습니다." and author_view[-1]["official_answer"]


def test_assignments_of_a_department_and_overdue(api_as, users, hazards):
    report = post_report(api_as, users["resident"], hazards)
    reviewer = api_as(users["reviewer"])
    body = {"to": "assigned", "department": users["staff"].department_id}
    reviewer.post(f"/features/{report['id']}/stage", body, **{"If-Match": etag(reviewer, report["id"])})
    staff = api_as(users["staff"])
    assert [f["id"] for f in staff.get("/me/assignments").json()["features"]] == [report["id"]]
    assert staff.get("/me/assignments?overdue=true").json()["numberMatched"] == 0
    Feature.objects.filter(pk=report["id"]).update(due_date=timezone.localdate() - timedelta(days=1))
    assert staff.get("/me/assignments?overdue=true").json()["numberMatched"] == 1
    assert_json_error(api_as(users["resident"]).get("/me/assignments"), 403)


def test_referral_and_merge_through_the_api(api_as, users, hazards, junggu):
    DistrictPolicy.objects.create(district=junggu, complaint_email="minwon@example.org")
    complaint = post_report(api_as, users["resident"], hazards)
    reviewer = api_as(users["reviewer"])
    answer = reviewer.post(
        f"/features/{complaint['id']}/referral",
        {"kind": "complaint", "note": "민원으로"},
        **{"If-Match": etag(reviewer, complaint["id"])},
    )
    assert answer.status_code == 200 and answer.json()["properties"]["status"] == "referred"

    older = post_report(api_as, users["resident"], hazards, lon=127.0)
    newer = post_report(api_as, users["owner"], hazards, lon=127.0)
    merged = reviewer.post(
        f"/features/{newer['id']}/merge", {"other": older["id"]}, **{"If-Match": etag(reviewer, newer["id"])}
    )
    assert merged.status_code == 200 and merged.json()["id"] == older["id"]
    redirect = reviewer.get(f"/features/{newer['id']}")
    assert redirect.status_code == 301 and redirect["Location"].endswith(f"/api/v1/features/{older['id']}")


def test_the_dashboard_in_json(api_as, users, hazards):
    report = post_report(api_as, users["resident"], hazards, category="flooding")
    reviewer = api_as(users["reviewer"])
    reviewer.post(
        f"/features/{report['id']}/moderation", {"action": "approve"}, **{"If-Match": etag(reviewer, report["id"])}
    )
    numbers = reviewer.get("/districts/11140/dashboard").json()
    assert numbers["total"] == 1 and numbers["by_stage"] == {"in_review": 1} and numbers["by_category"] == {"침수": 1}
    assert numbers["median_first_response_seconds"] >= 0 and numbers["median_resolution_seconds"] is None
    assert_json_error(api_as(users["other_reviewer"]).get("/districts/11140/dashboard"), 403)


def test_the_openapi_document_lists_the_review_endpoints(api_as):
    paths = api_as(None).get("/openapi.json").json()["paths"]
    for path in (
        "/api/v1/review/queue",
        "/api/v1/review/bulk",
        "/api/v1/features/{feature_id}/stage",
        "/api/v1/features/{feature_id}/referral",
        "/api/v1/features/{feature_id}/merge",
        "/api/v1/features/{feature_id}/timeline",
        "/api/v1/features/{feature_id}/moderation",
        "/api/v1/moderation-log",
        "/api/v1/me/assignments",
        "/api/v1/districts/{code}/dashboard",
    ):
        assert path in paths, path


def test_features_carry_their_handling_and_reviewers_see_duplicate_flags(api_as, users, hazards):
    first = post_report(api_as, users["resident"], hazards)
    second = post_report(api_as, users["owner"], hazards)
    reviewer = api_as(users["reviewer"])
    handling = reviewer.get(f"/features/{second['id']}").json()["properties"]["handling"]
    assert handling["stage"] == "received" and handling["possible_duplicate_of"] == first["id"]
    own = api_as(users["owner"]).get(f"/features/{second['id']}").json()["properties"]["handling"]
    assert own["possible_duplicate_of"] is None
    sharing = create_layer(hazards.map, {"name": "안전 시설"})
    plain = post_report(api_as, users["resident"], sharing, category="other")
    assert plain["properties"]["handling"] is None
