"""The inbox page (unread marking, opening, mark read, mark all read), the unread count in the site's nav,
and the settings page (a checkbox per kind and channel, and showing one's name)."""

import re

import pytest

from layers.models import Notification, NotificationPreference

from ..api import conftest as api_fixtures

scenario = api_fixtures.scenario  # the API tests' maps, layer and features, as a fixture here too


@pytest.fixture
def resident(client, users):
    client.force_login(users["resident"])
    return users["resident"]


@pytest.fixture
def notes(resident, users, scenario):
    feature = scenario["published"]

    def note(user, **params):
        return Notification.objects.create(user=user, kind="status", feature=feature, params=params)

    return {
        "unread": note(resident, title="<script>alert(1)</script>", status_to="published"),
        "read": note(resident, title="읽은 알림", status_to="published"),
        "others": note(users["owner"], title="남의 알림"),
    }


def page(client, path="/me/inbox/", **query):
    response = client.get(path, query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_pages_need_a_login(client):
    for path in ("/me/inbox/", "/me/settings/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_the_inbox_shows_ones_own_notifications_escaped_with_the_unread_ones_marked(client, notes):
    Notification.objects.filter(pk=notes["read"].pk).update(read_at="2026-01-01T00:00:00Z")
    html = page(client)
    assert "읽지 않은 알림 1개" in html
    assert "남의 알림" not in html
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    items = re.findall(r'<li class="inbox-item( inbox-unread)?">(.*?)</li>', html, re.S)
    assert [(bool(unread), "새 알림" in body) for unread, body in items] == [(False, False), (True, True)]
    assert f'href="/me/inbox/{notes["unread"].pk}/"' in html


def test_the_nav_counts_unread_notifications(client, notes):
    html = page(client, "/")
    assert re.search(r'href="/me/inbox/">알림함&nbsp;<span class="status status-pending">2<span', html)
    Notification.objects.filter(user=notes["unread"].user).update(read_at="2026-01-01T00:00:00Z")
    assert re.search(r'href="/me/inbox/">알림함</a>', page(client, "/"))


def test_opening_a_notification_marks_it_read_and_goes_to_the_report(client, notes, scenario):
    response = client.get(f"/me/inbox/{notes['unread'].pk}/")
    assert response.status_code == 302 and response["Location"] == f"/features/{scenario['published'].pk}/"
    assert Notification.objects.get(pk=notes["unread"].pk).read_at is not None
    assert Notification.objects.get(pk=notes["read"].pk).read_at is None
    assert client.get(f"/me/inbox/{notes['others'].pk}/").status_code == 404
    assert Notification.objects.get(pk=notes["others"].pk).read_at is None


def test_mark_one_read_then_all(client, notes):
    response = client.post("/me/inbox/read/", {"id": notes["unread"].pk, "next": "/me/inbox/?page=1"})
    assert response.status_code == 302 and response["Location"] == "/me/inbox/?page=1"
    assert Notification.objects.filter(read_at__isnull=True).count() == 2
    assert "?unread=1" in page(client) and "읽지 않은 알림 1개" in page(client)
    response = client.post("/me/inbox/read/", {"all": "1", "next": "https://evil.example/"})
    assert response["Location"] == "/me/inbox/"
    assert list(Notification.objects.filter(read_at__isnull=True)) == [notes["others"]]
    assert "읽지 않은 알림이 없습니다." in page(client, unread="1")


def test_marking_read_needs_a_post(client, notes):
    assert client.get("/me/inbox/read/", {"all": "1"}).status_code == 405
    assert Notification.objects.filter(read_at__isnull=True).count() == 3


def test_an_empty_inbox_says_so(client, resident):
    assert "아직 알림이 없습니다." in page(client)


def test_the_settings_page_shows_a_checkbox_per_kind_and_channel(client, resident):
    NotificationPreference.objects.create(user=resident, kind="comment", in_app=True, email=False)
    html = page(client, "/me/settings/")
    boxes = dict(re.findall(r'<input type="checkbox" name="(\w+)"[^>]* id="id_\w+"( checked)?', html))
    assert set(boxes) == {
        f"{kind}_{channel}"
        for kind in ("status", "answer", "comment", "threshold", "assignment")
        for channel in ("in_app", "email")
    } | {"show_name_publicly"}
    assert boxes["comment_email"] == "" and boxes["comment_in_app"] == " checked"
    assert boxes["show_name_publicly"] == ""
    assert 'aria-describedby="id_show_name_publicly_helptext"' in html
    assert '<p class="help" id="id_show_name_publicly_helptext">' in html
    assert '<label for="id_comment_email">이메일</label>' in html
    assert "<legend>내 제보에 달린 댓글</legend>" in html
    assert "계정에 이메일 주소가 없어" in html


def test_saving_settings(client, resident):
    response = client.post(
        "/me/settings/",
        {"status_in_app": "on", "answer_in_app": "on", "answer_email": "on", "show_name_publicly": "on"},
    )
    assert response.status_code == 302 and response["Location"] == "/me/settings/?saved=1"
    stored = {row.kind: (row.in_app, row.email) for row in NotificationPreference.objects.filter(user=resident)}
    assert stored == {
        "status": (True, False),
        "comment": (False, False),
        "threshold": (False, False),
        "assignment": (False, False),
    }
    resident.refresh_from_db()
    assert resident.show_name_publicly is True
    assert "설정을 저장했습니다." in page(client, "/me/settings/", saved="1")


def test_the_pages_speak_english_when_asked(client, notes):
    client.cookies["django_language"] = "en"
    assert "2 unread notifications" in page(client)
    assert "<legend>Someone commented on my report</legend>" in page(client, "/me/settings/")
