"""The open improvement plan: administrators publish and move items through their states (declining needs a
published reason), every move is in the item's history, residents vote once each — exactly, even when many
vote at the same moment — and comment."""

import pytest
from django.db import connection

from guides.models import PlanItem, PlanVote
from guides.services import plan as service
from tests.api.conftest import ApiClient, assert_json_error
from tests.concurrency import run_together
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(users):
    return service.publish_item(
        users["admin"], title="전파 약한 곳에서 저장", description="지하에서도 제보를 저장합니다."
    )


def test_only_administrators_publish(users):
    body = {"title": "음성 메모", "description": "말로 남기는 제보"}
    assert_json_error(ApiClient(users["reviewer"]).post("/plan", body), 403)
    created = ApiClient(users["admin"]).post("/plan", body)
    assert created.status_code == 201 and created.json()["state"] == "proposed"
    assert [event["kind"] for event in created.json()["history"]] == ["published"]


def test_states_move_along_their_steps_and_keep_a_history(item, users):
    api = ApiClient(users["admin"])
    path = f"/plan/{item.pk}"
    etag = api.get(path)["ETag"]
    for state in ("planned", "in_progress", "done"):
        response = api.patch(path, {"state": state}, **{"If-Match": etag})
        assert response.status_code == 200, response.content
        etag = response["ETag"]
    assert_json_error(api.patch(path, {"state": "proposed"}, **{"If-Match": etag}), 400)  # done → proposed is no step
    history = ApiClient(None).get(path).json()["history"]
    assert [(event["from_state"], event["to_state"]) for event in history] == [
        ("", "proposed"), ("proposed", "planned"), ("planned", "in_progress"), ("in_progress", "done"),
    ]  # fmt: skip


def test_declining_needs_a_published_reason(item, users):
    api = ApiClient(users["admin"])
    path = f"/plan/{item.pk}"
    assert_json_error(api.patch(path, {"state": "declined"}, **{"If-Match": item.etag}), 400)
    declined = api.patch(path, {"state": "declined", "state_reason": "개인정보 위험"}, **{"If-Match": item.etag})
    assert declined.json()["state_reason"] == "개인정보 위험"
    assert declined.json()["history"][-1]["reason"] == "개인정보 위험"
    assert_json_error(api.patch(path, {"title": "늦게"}, **{"If-Match": item.etag}), 412)
    assert_json_error(ApiClient(users["resident"]).patch(path, {"title": "x"}, **{"If-Match": declined["ETag"]}), 403)


def test_a_vote_counts_once_per_resident(item, users):
    path = f"/plan/{item.pk}/vote"
    resident = ApiClient(users["resident"])
    assert resident.put(path).json() == {"vote_count": 1, "voted": True}
    assert resident.put(path).json() == {"vote_count": 1, "voted": True}
    assert ApiClient(users["editor"]).put(path).json()["vote_count"] == 2
    assert resident.delete(path).json() == {"vote_count": 1, "voted": False}
    assert resident.delete(path).json()["vote_count"] == 1
    assert_json_error(ApiClient(None).put(path), 401)
    assert ApiClient(users["editor"]).get(f"/plan/{item.pk}").json()["voted"] is True


@pytest.mark.django_db(transaction=True)
def test_concurrent_votes_are_counted_exactly(users):
    item = service.publish_item(users["admin"], title="동시 투표", description="모두 한 번에")
    voters = [make_user(f"voter-{n}") for n in range(6)]
    twice = voters[0]

    def hold_lock():
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM guides_planitem WHERE id = %s FOR UPDATE", [item.pk])

    steps = [lambda user=user: service.vote(user, item.pk) for user in [*voters, twice]]
    run_together(steps, hold_lock)
    item.refresh_from_db()
    assert item.vote_count == PlanVote.objects.filter(item=item).count() == 6


def test_comments_name_their_author_only_with_consent_and_show_script_as_text(client, item, users):
    users["editor"].show_name_publicly = True
    users["editor"].save()
    ApiClient(users["resident"]).post(f"/plan/{item.pk}/comments", {"body": "<script>alert(1)</script> 좋아요"})
    ApiClient(users["editor"]).post(f"/plan/{item.pk}/comments", {"body": "찬성"})
    authors = [comment["author"] for comment in ApiClient(None).get(f"/plan/{item.pk}/comments").json()]
    assert authors == ["주민", "editor"]
    page = client.get(f"/plan/{item.pk}/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; 좋아요" in page and "<script>alert(1)" not in page


def test_the_plan_page_shows_each_state_and_the_reason_of_a_decline(client, item, users):
    service.change_item(users["admin"], item, {"state": "declined", "state_reason": "예산 부족"}, expected_version=1)
    page = client.get("/plan/").content.decode()
    for label in ("제안됨", "계획됨", "처리 중", "완료", "반려"):
        assert label in page
    assert "예산 부족" in client.get(f"/plan/{item.pk}/").content.decode()
    assert PlanItem.objects.get().state == "declined"
