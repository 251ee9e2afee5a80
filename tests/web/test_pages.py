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


def test_home_searches_by_text_district_and_kind(client, users, junggu, jongnogu):
    Map.objects.create(title="종로 나눔지도", kind="sharing", owner=users["owner"], district=jongnogu)
    Map.objects.create(title="중구 안전지도", kind="safety", owner=users["owner"], district=junggu)
    Map.objects.create(title="골목 이야기", description="중구 골목의 옛이야기", kind="other", owner=users["owner"])

    def titles(query):
        page = client.get("/", query).content.decode()
        return {t for t in ("종로 나눔지도", "중구 안전지도", "골목 이야기") if t in page}

    assert titles({"q": "중구"}) == {"중구 안전지도", "골목 이야기"}
    assert titles({"district": "11110"}) == {"종로 나눔지도"}
    assert titles({"kind": "safety"}) == {"중구 안전지도"}
    assert titles({"q": "없는 지도"}) == set()


def test_my_maps_include_private_and_edited_maps(client, maps, users):
    shared = Map.objects.create(title="함께 편집", owner=users["resident"], visibility="private")
    shared.editors.add(users["owner"])
    client.force_login(users["owner"])
    page = client.get("/").content.decode()
    my_maps = page.split('id="my-maps"')[1].split('id="public-maps"')[0]
    assert "비공개" in my_maps and "함께 편집" in my_maps and "링크 지도" in my_maps


def test_the_language_switch_turns_pages_english(client, maps):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    assert "Maps made together with residents" in response.content.decode()
