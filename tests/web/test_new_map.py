"""The "new map" page: residents only, a template per card, the map made on submit, errors kept."""

import re

import pytest

from mapping.models import Map
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get("/maps/new/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=/maps/new/")


def test_the_page_offers_the_three_templates(client, users):
    client.login(username="resident", password=PASSWORD)
    page = client.get("/maps/new/").content.decode()
    for key in ("safety", "sharing", "blank"):
        assert f'value="{key}"' in page
    assert "위험 요소" in page and "나눔 장소" in page


def test_submitting_creates_the_map_and_opens_it(client, users, junggu):
    client.login(username="resident", password=PASSWORD)
    response = client.post(
        "/maps/new/",
        {"template": "safety", "title": "필동 안전지도", "district": junggu.pk, "visibility": "public"},
    )
    map_ = Map.objects.get(title="필동 안전지도")
    assert response.status_code == 302 and response["Location"] == f"/maps/{map_.pk}/"
    assert map_.owner == users["resident"] and map_.district == junggu and map_.layers.count() == 2


def test_a_missing_title_keeps_what_was_typed(client, users):
    client.login(username="resident", password=PASSWORD)
    response = client.post(
        "/maps/new/", {"template": "sharing", "description": "우리 동네 맛집", "visibility": "public"}
    )
    page = response.content.decode()
    assert response.status_code == 200 and "우리 동네 맛집" in page
    assert re.search(r'<input[^>]*value="sharing"[^>]*checked', page)
    assert not Map.objects.exists()


def test_script_in_the_title_is_escaped_on_the_new_map_page(client, users):
    client.login(username="resident", password=PASSWORD)
    client.post("/maps/new/", {"template": "blank", "title": "<script>alert(1)</script>", "visibility": "public"})
    page = client.get("/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
