"""``/api/v1/me/notifications`` and ``/api/v1/me/preferences``: only the caller's own inbox, newest first,
unread filter and paging, marking read, and the choices that the notification task then follows."""

from datetime import timedelta

import pytest
from django.utils import timezone

from layers.models import Notification, NotificationKind, NotificationPreference
from layers.services.notification_fanout import create_notifications

from .conftest import assert_json_error

KINDS = ["status", "answer", "comment", "threshold", "assignment"]


@pytest.fixture
def inbox(scenario, users):
    """Three notifications of the resident (the oldest read) and one of the owner."""
    resident, feature = users["resident"], scenario["published"]
    now = timezone.now()
    rows = []
    for age, kind, params in (
        (3, "status", {"status_to": "published"}),
        (2, "comment", {"author": "주민", "excerpt": "저도 봤어요"}),
        (1, "answer", {"answer": "고쳤습니다"}),
    ):
        rows.append(Notification.objects.create(user=resident, kind=kind, feature=feature, params=params))
        Notification.objects.filter(pk=rows[-1].pk).update(created=now - timedelta(hours=age))
    Notification.objects.filter(pk=rows[0].pk).update(read_at=now)
    other = Notification.objects.create(user=users["owner"], kind="status", feature=feature, params={})
    return {"oldest": rows[0], "comment": rows[1], "newest": rows[2], "other": other}


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("get", "/me/notifications", None),
        ("post", "/me/notifications/read", {"all": True}),
        ("get", "/me/preferences", None),
        ("put", "/me/preferences", {"show_name_publicly": True, "kinds": []}),
    ],
)
def test_every_endpoint_needs_a_signed_in_caller(api_as, method, path, body):
    assert_json_error(api_as(None).call(method, path, body), 401)


def test_the_inbox_lists_only_the_callers_notifications_newest_first(api_as, users, inbox, scenario):
    body = api_as(users["resident"]).get("/me/notifications").json()
    assert (body["count"], body["unread"]) == (3, 2)
    assert [item["id"] for item in body["items"]] == [inbox[key].pk for key in ("newest", "comment", "oldest")]
    newest = body["items"][0]
    assert newest["kind"] == "answer" and newest["read_at"] is None
    assert newest["link"] == f"/features/{scenario['published'].pk}/"
    assert newest["feature"] == scenario["published"].pk
    assert newest["text"] == "“공개 제보” 제보에 공식 답변이 달렸습니다: “고쳤습니다”"
    assert body["items"][2]["read_at"] is not None


def test_texts_follow_the_callers_language(api_as, users, inbox):
    body = api_as(users["resident"]).get("/me/notifications", **{"Accept-Language": "en"}).json()
    assert body["items"][0]["text"] == "Your report “공개 제보” got an official answer: “고쳤습니다”"


def test_unread_filter_and_paging(api_as, users, inbox):
    client = api_as(users["resident"])
    unread = client.get("/me/notifications?unread=true").json()
    assert unread["count"] == 2 and [item["id"] for item in unread["items"]] == [
        inbox["newest"].pk,
        inbox["comment"].pk,
    ]
    page = client.get("/me/notifications?limit=1&offset=1").json()
    assert page["count"] == 3 and [item["id"] for item in page["items"]] == [inbox["comment"].pk]
    assert_json_error(client.get("/me/notifications?limit=0"), 422)
    assert_json_error(client.get("/me/notifications?limit=101"), 422)
    assert_json_error(client.get("/me/notifications?offset=-1"), 422)


def test_marking_read_by_id_ignores_other_users_notifications(api_as, users, inbox):
    response = api_as(users["resident"]).post(
        "/me/notifications/read", {"ids": [inbox["comment"].pk, inbox["other"].pk, inbox["oldest"].pk]}
    )
    assert response.status_code == 200
    assert response.json() == {"marked": 1, "unread": 1}
    assert Notification.objects.get(pk=inbox["other"].pk).read_at is None
    assert Notification.objects.get(pk=inbox["newest"].pk).read_at is None


def test_marking_all_read(api_as, users, inbox):
    response = api_as(users["resident"]).post("/me/notifications/read", {"all": True})
    assert response.json() == {"marked": 2, "unread": 0}
    assert Notification.objects.get(pk=inbox["other"].pk).read_at is None


def test_marking_read_needs_ids_or_all(api_as, users, inbox):
    assert "all: true" in assert_json_error(api_as(users["resident"]).post("/me/notifications/read", {}), 400)


def test_preferences_start_with_everything_on_and_the_name_hidden(api_as, users):
    body = api_as(users["resident"]).get("/me/preferences").json()
    assert body["show_name_publicly"] is False and body["has_email"] is False
    assert [choice["kind"] for choice in body["kinds"]] == KINDS
    assert all(choice["in_app"] and choice["email"] for choice in body["kinds"])
    assert body["kinds"][0]["label"] == "내 제보의 상태 변경"


def test_putting_preferences_stores_them_and_the_task_follows_them(api_as, users, scenario):
    resident = users["resident"]
    resident.email = "resident@example.org"
    resident.save()
    choices = [
        {"kind": "status", "in_app": True, "email": False},
        {"kind": "comment", "in_app": False, "email": False},
    ]
    response = api_as(resident).put("/me/preferences", {"show_name_publicly": True, "kinds": choices})
    assert response.status_code == 200
    body = response.json()
    assert body["show_name_publicly"] is True and body["has_email"] is True
    by_kind = {choice["kind"]: (choice["in_app"], choice["email"]) for choice in body["kinds"]}
    assert by_kind == {"status": (True, False), "answer": (True, True), "comment": (False, False),
                       "threshold": (True, True), "assignment": (True, True)}  # fmt: skip
    resident.refresh_from_db()
    assert resident.show_name_publicly is True
    assert NotificationPreference.objects.filter(user=resident).count() == 2

    feature = scenario["published"]
    assert len(create_notifications(NotificationKind.STATUS, [resident.pk], feature.pk)) == 0
    assert len(create_notifications(NotificationKind.ANSWER, [resident.pk], feature.pk)) == 1
    create_notifications(NotificationKind.COMMENT, [resident.pk], feature.pk)
    assert sorted(Notification.objects.filter(user=resident).values_list("kind", flat=True)) == ["answer", "status"]


def test_putting_preferences_again_replaces_them(api_as, users):
    client = api_as(users["resident"])
    client.put(
        "/me/preferences", {"show_name_publicly": True, "kinds": [{"kind": "status", "in_app": False, "email": False}]}
    )
    body = client.put("/me/preferences", {"show_name_publicly": False, "kinds": []}).json()
    assert all(choice["in_app"] and choice["email"] for choice in body["kinds"])
    assert body["show_name_publicly"] is False
    assert not NotificationPreference.objects.exists()


def test_bad_preferences_are_refused(api_as, users):
    client = api_as(users["resident"])
    unknown = {"show_name_publicly": False, "kinds": [{"kind": "weather", "in_app": True, "email": True}]}
    assert_json_error(client.put("/me/preferences", unknown), 422)
    twice = [{"kind": "status", "in_app": True, "email": True}, {"kind": "status", "in_app": False, "email": False}]
    assert "once" in assert_json_error(
        client.put("/me/preferences", {"show_name_publicly": False, "kinds": twice}), 400
    )
    assert_json_error(client.put("/me/preferences", {"kinds": []}), 422)


def test_the_endpoints_are_documented(api_as):
    document = api_as(None).get("/openapi.json").json()
    paths = document["paths"]
    assert paths["/api/v1/me/notifications"]["get"]["summary"] == "My notifications, newest first"
    assert paths["/api/v1/me/notifications/read"]["post"]["summary"] == "Mark my notifications read"
    assert {"get", "put"} <= set(paths["/api/v1/me/preferences"])
    kinds = document["components"]["schemas"]["KindChoiceIn"]["properties"]["kind"]
    assert kinds["enum"] == KINDS
