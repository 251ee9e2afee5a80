"""The embed page (/maps/<id>/embed/): the one page another site may frame, read-only, and as
private as the map itself."""

import json

import pytest
from django.utils.html import escape

from mapping.models import Map


@pytest.fixture
def maps(users, junggu):
    def new(title, visibility):
        return Map.objects.create(
            title=title, kind="sharing", owner=users["owner"], visibility=visibility, district=junggu
        )

    return {"public": new("공개 지도", "public"), "private": new("비공개", "private")}


def page_context(response):
    """The JSON the page's script reads from <script id="map-context">."""
    html = response.content.decode()
    start = html.index('<script id="map-context" type="application/json">') + len(
        '<script id="map-context" type="application/json">'
    )
    return json.loads(html[start : html.index("</script>", start)])


def test_only_the_embed_page_may_be_framed(client, maps):
    map_id = maps["public"].pk
    assert client.get(f"/maps/{map_id}/").headers["X-Frame-Options"] == "DENY"
    embed = client.get(f"/maps/{map_id}/embed/")
    assert embed.status_code == 200
    assert "X-Frame-Options" not in embed.headers


def test_the_embed_page_is_read_only_even_for_the_owner(client, maps, users):
    client.force_login(users["owner"])
    map_ = maps["public"]
    full_page = client.get(f"/maps/{map_.pk}/")
    full = page_context(full_page)
    assert full["readOnly"] is False and full["canAdd"] is True
    assert all(hook in full_page.content.decode() for hook in ("data-editor", "data-embed-code", "data-copy"))
    response = client.get(f"/maps/{map_.pk}/embed/")
    context = page_context(response)
    assert context["readOnly"] is True and context["canAdd"] is False
    html = response.content.decode()
    assert all(hook not in html for hook in ("data-editor", "data-embed-code", "data-copy"))
    page_url = escape(context["map"]["pageUrl"])
    assert f'<a class="map-action" href="{page_url}" target="_blank" rel="noopener">' in html


def test_a_private_map_is_not_embedded_for_strangers(client, maps, users):
    private = maps["private"]
    assert client.get(f"/maps/{private.pk}/embed/").status_code == 404
    client.force_login(users["resident"])
    assert client.get(f"/maps/{private.pk}/embed/").status_code == 404
    client.force_login(users["owner"])
    assert client.get(f"/maps/{private.pk}/embed/").status_code == 200
