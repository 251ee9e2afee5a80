"""The home page lists public maps only; the map page is 404 for a private map to outsiders."""

import pytest

from mapping.models import Map


@pytest.fixture
def maps(users, junggu):
    def new(title, visibility):
        return Map.objects.create(
            title=title, kind="safety", owner=users["owner"], visibility=visibility, district=junggu
        )

    return {
        "public": new("공개 지도", "public"),
        "unlisted": new("링크 지도", "unlisted"),
        "private": new("비공개", "private"),
    }


def test_home_lists_public_maps_in_korean(client, maps):
    page = client.get("/").content.decode()
    assert "주민과 함께 만드는 지도" in page
    assert "공개 지도" in page and "링크 지도" not in page and "비공개" not in page


def test_map_page_visibility(client, maps, users):
    assert client.get(f"/maps/{maps['public'].pk}/").status_code == 200
    assert client.get(f"/maps/{maps['unlisted'].pk}/").status_code == 200
    assert client.get(f"/maps/{maps['private'].pk}/").status_code == 404
    client.force_login(users["owner"])
    assert client.get(f"/maps/{maps['private'].pk}/").status_code == 200


def test_titles_are_escaped_on_pages(client, users, junggu):
    Map.objects.create(title="<script>alert(1)</script>", owner=users["owner"], visibility="public")
    page = client.get("/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
