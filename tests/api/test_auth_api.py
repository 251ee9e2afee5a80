"""How callers prove who they are: bearer tokens from /auth/token, and browser sessions with CSRF.

A bad, expired or inactive user's token is always a 401 — also on a GET, where
falling back to anonymous would silently show the caller less than they asked
for. A session writes only with the CSRF token.
"""

import json
import secrets
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from layers.models import Feature
from mapping.models import ApiToken

from ..conftest import PASSWORD
from .conftest import point_feature


def post_token(username, password):
    return Client().post(
        "/api/v1/auth/token",
        data=json.dumps({"username": username, "password": password}),
        content_type="application/json",
    )


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def test_right_credentials_give_a_token(users):
    response = post_token("reviewer", PASSWORD)
    assert response.status_code == 200
    data = response.json()
    assert data["username"] == "reviewer"
    assert data["roles"] == ["resident", "reviewer"]
    assert len(data["token"]) >= 32
    token = ApiToken.objects.get(user=users["reviewer"])
    assert token.key_hash != data["token"]  # only a hash is stored
    assert token.expires > timezone.now() + timedelta(days=settings.API_TOKEN_TTL_DAYS - 1)


def test_each_login_gives_a_new_token(users):
    first = post_token("resident", PASSWORD).json()["token"]
    second = post_token("resident", PASSWORD).json()["token"]
    assert first != second
    for token in (first, second):
        assert Client().get("/api/v1/auth/me", headers=bearer(token)).json()["username"] == "resident"


@pytest.mark.parametrize(
    ("username", "password"),
    [("resident", "wrong password"), ("nobody", PASSWORD), ("resident", ""), ("", "")],
    ids=["wrong-password", "unknown-user", "empty-password", "empty-both"],
)
def test_wrong_credentials_are_401_json(username, password, users):
    response = post_token(username, password)
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]
    assert "token" not in response.json()
    assert not ApiToken.objects.exists()


def test_inactive_user_gets_no_token(users):
    users["resident"].is_active = False
    users["resident"].save()
    assert post_token("resident", PASSWORD).status_code == 401
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("body", ['{"username": "resident"}', "{bad", '{"username": 1, "password": []}'])
def test_malformed_token_request_is_4xx_json(body, users):
    response = Client().post("/api/v1/auth/token", data=body, content_type="application/json")
    assert response.status_code in (400, 422)
    assert response.json()["detail"]


def test_the_token_works_as_bearer(scenario):
    token = post_token("resident", PASSWORD).json()["token"]
    client = Client()
    created = client.post(
        f"/api/v1/layers/{scenario['layer'].pk}/features",
        data=json.dumps(point_feature(title="토큰으로 제보")),
        content_type="application/json",
        headers=bearer(token),
    )
    assert created.status_code == 201, created.content
    feature = Feature.objects.get(pk=created.json()["id"])
    assert feature.author.username == "resident"
    # The pending feature is visible to its author through the token, not to anonymous callers.
    assert client.get(f"/api/v1/features/{feature.pk}", headers=bearer(token)).status_code == 200
    assert client.get(f"/api/v1/features/{feature.pk}").status_code == 404


def test_me_shows_the_roles(users):
    for role, expected in [
        ("resident", ["resident"]),
        ("reviewer", ["resident", "reviewer"]),
        ("staff", ["resident", "staff"]),
        ("planner", ["resident", "planner"]),
        ("admin", ["resident", "admin"]),
    ]:
        token = ApiToken.issue(users[role])
        data = Client().get("/api/v1/auth/me", headers=bearer(token)).json()
        assert data["username"] == users[role].username
        assert data["roles"] == expected, role
    data = Client().get("/api/v1/auth/me", headers=bearer(ApiToken.issue(users["reviewer"]))).json()
    assert data["review_districts"] == ["11140"]
    assert data["verified"] is False


def test_me_needs_a_caller(db):
    response = Client().get("/api/v1/auth/me")
    assert response.status_code == 401
    assert response.json()["detail"]


BAD_AUTHORIZATION = {
    "invalid token": "Bearer not-a-real-token",
    "empty bearer": "Bearer ",
    "basic auth": "Basic cmVzaWRlbnQ6cGFzc3dvcmQ=",
    "token scheme": "Token abc",
}


@pytest.mark.parametrize("name", list(BAD_AUTHORIZATION))
def test_bad_authorization_is_401_even_on_a_get(name, scenario):
    client = Client()
    for path in (
        f"/api/v1/maps/{scenario['public'].pk}",
        f"/api/v1/features/{scenario['published'].pk}",
        "/api/v1/maps",
    ):
        response = client.get(path, headers={"Authorization": BAD_AUTHORIZATION[name]})
        assert response.status_code == 401, (path, response.content)
        assert response.json()["detail"]


def test_expired_token_is_401_not_anonymous(scenario, users):
    token = ApiToken.issue(users["resident"])
    client = Client()
    assert client.get(f"/api/v1/features/{scenario['pending'].pk}", headers=bearer(token)).status_code == 200
    ApiToken.objects.filter(user=users["resident"]).update(expires=timezone.now() - timedelta(seconds=1))
    for path in (
        f"/api/v1/features/{scenario['published'].pk}",
        f"/api/v1/features/{scenario['pending'].pk}",
        "/api/v1/auth/me",
    ):
        response = client.get(path, headers=bearer(token))
        assert response.status_code == 401, path
        assert "expired" in response.json()["detail"]
    response = client.post(
        f"/api/v1/layers/{scenario['layer'].pk}/features",
        data=json.dumps(point_feature()),
        content_type="application/json",
        headers=bearer(token),
    )
    assert response.status_code == 401
    assert Feature.objects.count() == 3


def test_inactive_users_token_is_401(scenario, users):
    token = ApiToken.issue(users["resident"])
    users["resident"].is_active = False
    users["resident"].save()
    response = Client().get(f"/api/v1/features/{scenario['published'].pk}", headers=bearer(token))
    assert response.status_code == 401
    assert Client().get("/api/v1/auth/me", headers=bearer(token)).status_code == 401


def test_deleted_token_is_401(users):
    token = ApiToken.issue(users["resident"])
    ApiToken.objects.all().delete()
    assert Client().get("/api/v1/auth/me", headers=bearer(token)).status_code == 401


# --- sessions --------------------------------------------------------------------------------------------------


@pytest.fixture
def browser(users):
    """A logged-in browser session that enforces CSRF like a real one."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["resident"])
    return client


def test_session_can_read(browser, scenario):
    assert browser.get("/api/v1/auth/me").json()["username"] == "resident"
    # The pending feature is the resident's own: only a recognised session sees it.
    assert browser.get(f"/api/v1/features/{scenario['pending'].pk}").status_code == 200


def test_session_post_without_csrf_is_403(browser, scenario):
    response = browser.post(
        f"/api/v1/layers/{scenario['layer'].pk}/features",
        data=json.dumps(point_feature(title="CSRF 없음")),
        content_type="application/json",
    )
    assert response.status_code == 403
    assert response.json()["detail"]
    assert not Feature.objects.filter(title="CSRF 없음").exists()


def test_session_post_with_a_wrong_csrf_token_is_403(browser, scenario):
    browser.cookies[settings.CSRF_COOKIE_NAME] = secrets.token_hex(16)
    response = browser.post(
        f"/api/v1/layers/{scenario['layer'].pk}/features",
        data=json.dumps(point_feature(title="틀린 CSRF")),
        content_type="application/json",
        headers={"X-CSRFToken": secrets.token_hex(16)},
    )
    assert response.status_code == 403
    assert not Feature.objects.filter(title="틀린 CSRF").exists()


def test_session_post_with_csrf_is_201(browser, scenario):
    token = secrets.token_hex(16)  # 32 alphanumeric characters: the format of Django's CSRF secret
    browser.cookies[settings.CSRF_COOKIE_NAME] = token
    response = browser.post(
        f"/api/v1/layers/{scenario['layer'].pk}/features",
        data=json.dumps(point_feature(title="CSRF 있음")),
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 201, response.content
    assert Feature.objects.get(title="CSRF 있음").author.username == "resident"


def test_session_of_an_inactive_user_cannot_write(users, scenario):
    client = Client()
    client.force_login(users["resident"])
    users["resident"].is_active = False
    users["resident"].save()
    response = client.post(
        f"/api/v1/layers/{scenario['layer'].pk}/features",
        data=json.dumps(point_feature(title="비활성")),
        content_type="application/json",
    )
    assert response.status_code == 401
    assert not Feature.objects.filter(title="비활성").exists()


def test_logged_out_session_is_anonymous(browser, scenario):
    browser.logout()
    assert browser.get(f"/api/v1/features/{scenario['pending'].pk}").status_code == 404
    assert browser.get("/api/v1/auth/me").status_code == 401
