"""The digital twin's 3D view in a real Chromium: a planner draws a building in a scenario and sees it raised
in 3D, while the base buildings stay as they are; the pages pass the axe WCAG 2.1 AA audit."""

import pytest
from django.conf import settings
from django.contrib.gis.geos import MultiPolygon, Polygon
from django.test import Client

from digital_twin.models import Building, Scenario, ScenarioBuilding, StudyArea
from tests.digital_twin.files import X0, Y0, write_smap_zip

from .test_accessibility import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)
TWIN = "window.urbanLifeTwin"


@pytest.fixture
def scenario(users):
    for index in range(6):
        x = X0 + 40 * index
        footprint = MultiPolygon(Polygon.from_bbox((x, Y0, x + 25, Y0 + 25)), srid=5186)
        Building.objects.create(
            footprint=footprint, height=12.0 + 8 * index, floors_above=3 + index, source="test", source_id=f"b{index}"
        )
    area = Polygon.from_bbox((X0 - 100, Y0 - 150, X0 + 350, Y0 + 200))
    area.srid = 5186
    study_area = StudyArea.objects.create(name="시청 일대", area=area, owner=users["planner"])
    return Scenario.objects.create(study_area=study_area, name="안 A", owner=users["planner"])


def signed_in(browser, live_server, user, locale="en-US"):
    context = browser.new_context(locale=locale, viewport={"width": 1280, "height": 800})
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}])
    return context


def rendered_js(layer):
    return f"{TWIN}.map.queryRenderedFeatures({{layers: ['{layer}']}}).length"


def rendered(page, layer):
    return page.evaluate(rendered_js(layer))


def test_a_planner_adds_a_building_in_a_scenario_and_sees_it_in_3d(browser, live_server, users, scenario, tmp_path):
    context = signed_in(browser, live_server, users["planner"])
    page = context.new_page()
    page.goto(f"{live_server.url}/twin/scenarios/{scenario.pk}/")
    page.wait_for_selector("#twin-map[data-ready='true']", timeout=30_000)
    page.wait_for_function(f"{TWIN}.map.areTilesLoaded() && {rendered_js('buildings-3d')} > 0", timeout=30_000)
    page.screenshot(path=str(tmp_path / "twin-before.png"))
    base_before = list(Building.objects.order_by("pk").values_list("pk", "height", "footprint"))

    page.get_by_role("button", name="Add a building").click()
    box = page.locator("#twin-map").bounding_box()
    cx, cy = box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.72
    for dx, dy in ((-60, -30), (60, -30), (60, 30), (-60, 30), (-60, -30)):
        page.mouse.click(cx + dx, cy + dy)
        page.wait_for_timeout(150)
    page.get_by_label("Height (m)", exact=True).fill("90")
    page.get_by_label("Name").fill("신축 타워")
    page.get_by_role("button", name="Add to the scenario").click()
    page.wait_for_selector("#twin-map[data-version='2']", timeout=15_000)
    page.wait_for_function(f"{rendered_js('twin-added')} > 0", timeout=15_000)
    page.screenshot(path=str(tmp_path / "twin-after.png"))

    added = ScenarioBuilding.objects.get(scenario=scenario)
    assert (added.height, added.name, added.floors_above) == (90.0, "신축 타워", 27)
    assert added.footprint.area > 100
    assert rendered(page, "twin-added") > 0
    assert page.get_by_role("status").inner_text() == "The building was added to the scenario."
    assert list(Building.objects.order_by("pk").values_list("pk", "height", "footprint")) == base_before

    page.mouse.click(cx, cy)  # the new building's attributes
    info = page.locator("[data-twin-info]")
    info.wait_for(state="visible")
    assert "신축 타워" in info.inner_text() and "90" in info.inner_text()
    context.close()


def test_a_planner_draws_a_study_area_and_lands_in_the_3d_view_of_its_first_scenario(
    browser, live_server, users, scenario, tmp_path
):
    context = signed_in(browser, live_server, users["planner"])
    page = context.new_page()
    page.goto(f"{live_server.url}/twin/")
    page.wait_for_selector("#twin-area-map[data-ready='true']", timeout=30_000)
    page.get_by_role("button", name="Draw the study area").click()
    page.locator("#twin-area-map").scroll_into_view_if_needed()
    box = page.locator("#twin-area-map").bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    for dx, dy in ((-120, -80), (120, -80), (120, 80), (-120, 80), (-120, -80)):
        page.mouse.click(cx + dx, cy + dy)
        page.wait_for_timeout(150)
    page.get_by_label("Name of the study area").fill("서소문 일대")
    page.screenshot(path=str(tmp_path / "twin-new-area.png"))
    page.get_by_label("Name of its first scenario").fill("안 1")
    page.get_by_role("button", name="Create the study area and the scenario").click()
    page.wait_for_selector("#twin-map[data-ready='true']", timeout=30_000)
    created = Scenario.objects.get(name="안 1")
    assert page.url.endswith(f"/twin/scenarios/{created.pk}/")
    assert created.study_area.name == "서소문 일대" and created.study_area.area.area > 10_000
    assert created.owner == users["planner"]
    context.close()


def test_a_planner_uploads_an_smap_shapefile_and_follows_the_import_to_its_end(
    browser, live_server, users, settings, tmp_path
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    archive = write_smap_zip(tmp_path / "upload")
    context = signed_in(browser, live_server, users["planner"])
    page = context.new_page()
    page.goto(f"{live_server.url}/twin/imports/")
    page.get_by_label("File", exact=True).set_input_files(str(archive))
    page.get_by_label("Source name").fill("gis-2024")
    page.get_by_role("button", name="Import").click()
    page.wait_for_selector("body[data-import-status='done']", timeout=30_000)
    assert page.get_by_role("status").inner_text() == ("Imported 4 buildings: 4 new, 0 updated, 2 heights estimated.")
    assert page.locator("#twin-progress-bar").evaluate("bar => bar.value") == 100
    page.screenshot(path=str(tmp_path / "twin-import.png"))
    assert Building.objects.filter(source="gis-2024").count() == 4
    context.close()


@pytest.mark.parametrize("locale", ["ko-KR", "en-US"])
def test_the_twin_pages_meet_wcag_aa(browser, live_server, users, scenario, locale):
    context = signed_in(browser, live_server, users["planner"], locale=locale)
    page = context.new_page()
    for path in ("/twin/", "/twin/imports/", f"/twin/scenarios/{scenario.pk}/"):
        page.goto(f"{live_server.url}{path}")
        ready = "#twin-map" if "scenarios" in path else "#twin-area-map" if path == "/twin/" else None
        if ready:
            page.wait_for_selector(f"{ready}[data-ready='true']", timeout=30_000)
        assert_accessible(page, f"{path} ({locale})")
    context.close()
