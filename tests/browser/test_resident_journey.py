"""A resident's whole journey in a real Chromium, as the web issue lists it: sign up, make a safety map
from its template, draw an area and a point with a photo, save; the reports are in the API and on
the map; a second resident gives 공감. Then the same on a 360×740 touch phone."""

import pytest

from layers.models import Feature, Photo
from mapping.models import Map, User

from .editor_helpers import (
    click_map,
    draw_polygon,
    map_point,
    report_form,
    save_and_wait,
    signed_in_context,
    small_jpeg,
    wait_saved,
)

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-enough-pass-phrase-2026"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"viewport": {"width": 360, "height": 740}, "has_touch": True, "is_mobile": True, "device_scale_factor": 2}


def screenshot(page, tmp_path, name):
    path = tmp_path / f"{name}.png"
    page.screenshot(path=str(path))
    print(f"screenshot: {path}")


def sign_up(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/signup/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Email address").fill(f"{username}@example.org")
    page.locator("#id_password1").fill(PASSWORD)  # labelled "Password:", a prefix of the confirmation's label
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    page.wait_for_url(f"{live_server.url}/")
    assert User.objects.filter(username=username).exists()


def make_safety_map(page, live_server, title, tmp_path, shot):
    page.get_by_role("link", name="New map").first.click()
    page.get_by_label("Safety map (안전지도)").check()
    page.get_by_label("Title").fill(title)
    page.get_by_label("District").select_option(label="Jung-gu")
    screenshot(page, tmp_path, shot)
    page.get_by_role("button", name="Create the map").click()
    page.wait_for_selector("[data-editor][data-ready]", timeout=60_000)
    map_ = Map.objects.get(title=title)
    assert page.url == f"{live_server.url}/maps/{map_.pk}/"
    assert [layer.name for layer in map_.layers.order_by("order")] == ["위험 요소", "안전 시설"]
    return map_


def api_features(page, live_server, layer):
    response = page.request.get(f"{live_server.url}/api/v1/layers/{layer.pk}/features")
    assert response.ok
    return {item["properties"]["title"]: item for item in response.json()["features"]}


def drawn_on_map(page, layer):
    """How many of the layer's features the map's tiles hold, once the tiles have reloaded."""
    page.wait_for_function("window.urbanLifeMap.areTilesLoaded()", timeout=30_000)
    return page.evaluate(
        "([source, sourceLayer]) => window.urbanLifeMap.querySourceFeatures(source, {sourceLayer}).length",
        [f"layer-{layer.pk}", layer.name],
    )


def wait_drawn(page, layer, count):
    for _ in range(100):
        if drawn_on_map(page, layer) >= count:
            return
        page.wait_for_timeout(200)
    raise AssertionError(f"the map never drew {count} features of {layer.name}")


def agree_as(browser, live_server, user, feature, **options):
    context = signed_in_context(browser, live_server, user, **options)
    page = context.new_page()
    page.goto(f"{live_server.url}/maps/{feature.layer.map_id}/")
    page.get_by_role("button", name="List", exact=True).click()
    item = page.locator(f".map-list-item[data-feature-id='{feature.pk}']")
    item.get_by_role("button", name="Show on map").click()
    agree = page.locator(".feature-popup").get_by_role("button", name="Agree")
    agree.click()
    page.wait_for_function("document.querySelector('.popup-vote').getAttribute('aria-pressed') === 'true'")
    context.close()


def test_sign_up_make_a_safety_map_draw_with_a_photo_and_a_neighbour_agrees(browser, live_server, junggu, tmp_path):
    context = browser.new_context(locale="en-US", viewport=DESKTOP)
    page = context.new_page()
    sign_up(page, live_server, "minji")
    map_ = make_safety_map(page, live_server, "필동 안전지도", tmp_path, "new-map-desktop")
    hazards = map_.layers.get(name="위험 요소")

    draw_polygon(page, [(-90, -50), (60, -50), (60, 40), (-90, 40)])
    report_form(page).get_by_label("Category").select_option("flooding")
    report_form(page).get_by_label("Title").fill("비 오면 물이 고이는 골목")
    report_form(page).get_by_label("Summary").fill("배수구가 막혀 있습니다.")
    page.locator("#editor-photo-gallery").set_input_files(str(small_jpeg(tmp_path / "puddle.jpg")))
    save_and_wait(page)
    page.get_by_role("button", name="Add a point").click()
    click_map(page, 120, 80)
    report_form(page).get_by_label("Title").fill("가로등이 꺼진 계단")
    save_and_wait(page)
    screenshot(page, tmp_path, "map-after-saving-desktop")

    saved = api_features(page, live_server, hazards)
    assert set(saved) == {"비 오면 물이 고이는 골목", "가로등이 꺼진 계단"}
    area = saved["비 오면 물이 고이는 골목"]
    assert area["geometry"]["type"] == "Polygon" and area["properties"]["category"] == "flooding"
    assert len(area["properties"]["photos"]) == 1 and area["properties"]["mine"] is True
    assert saved["가로등이 꺼진 계단"]["geometry"]["type"] == "Point"
    wait_drawn(page, hazards, 2)
    context.close()

    neighbour = User.objects.create_user("neighbour", password=PASSWORD)
    feature = Feature.objects.get(pk=area["id"])
    agree_as(browser, live_server, neighbour, feature)
    feature.refresh_from_db()
    assert feature.vote_count == 1 and feature.votes.filter(user=neighbour).exists()
    assert Photo.objects.filter(feature=feature).count() == 1


def test_the_same_journey_on_a_360_by_740_phone_with_taps(browser, live_server, junggu, tmp_path):
    context = browser.new_context(locale="en-US", **PHONE)
    page = context.new_page()
    sign_up(page, live_server, "junho")
    map_ = make_safety_map(page, live_server, "약수동 안전지도", tmp_path, "new-map-phone")
    hazards = map_.layers.get(name="위험 요소")
    screenshot(page, tmp_path, "map-phone")

    page.get_by_role("button", name="Add a point").tap()
    page.touchscreen.tap(*map_point(page, 20, 10))
    report_form(page).get_by_label("Title").fill("어두운 골목")
    page.locator("#editor-photo-camera").set_input_files(str(small_jpeg(tmp_path / "alley.jpg")))
    screenshot(page, tmp_path, "form-phone")
    page.get_by_role("button", name="Save", exact=True).tap()
    wait_saved(page)
    screenshot(page, tmp_path, "saved-phone")

    saved = api_features(page, live_server, hazards)
    assert list(saved) == ["어두운 골목"] and len(saved["어두운 골목"]["properties"]["photos"]) == 1
    wait_drawn(page, hazards, 1)
    context.close()

    neighbour = User.objects.create_user("neighbour", password=PASSWORD)
    feature = Feature.objects.get(pk=saved["어두운 골목"]["id"])
    agree_as(browser, live_server, neighbour, feature, **PHONE)
    assert feature.votes.filter(user=neighbour).exists()
