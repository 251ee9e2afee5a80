"""The map page in a real browser: MapLibre draws the demo map from the app's own style and tiles,
nothing is fetched from another host, and a script in a title is shown as text and never runs."""

import time
from io import StringIO
from urllib.parse import urlparse

import pytest
from django.contrib.gis.geos import Point
from django.core.management import call_command

from layers.models import Feature, Layer
from mapping.models import Map

pytestmark = pytest.mark.django_db(transaction=True)

SCRIPT_TITLE = "<img src=x onerror=alert(1)>"


def load_sharing_demo(settings, tmp_path):
    """Loads the demo maps and returns the sharing map (50 published features in 중구, one layer)."""
    settings.SHARED_DATA_DIR = tmp_path  # the built-in 중구 keeps the test independent of shared data
    call_command("load_demo", stdout=StringIO())
    return Map.objects.get(slug="demo-sharing")


@pytest.fixture
def demo(settings, tmp_path):
    return load_sharing_demo(settings, tmp_path)


def open_map(page, live_server, map_):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    started = time.perf_counter()
    page.goto(f"{live_server.url}/maps/{map_.pk}/")
    page.wait_for_selector("#map[data-loaded-at]", timeout=60_000)
    page.wait_for_function("window.urbanLifeMap.areTilesLoaded()", timeout=60_000)
    print(f"navigation to map load: {time.perf_counter() - started:.2f} s")
    return requests


def click_on_map(page, lnglat):
    """Zooms in on ``lnglat`` (lon, lat) and clicks the map there."""
    page.evaluate("(centre) => window.urbanLifeMap.jumpTo({center: centre, zoom: 18})", list(lnglat))
    page.wait_for_function("window.urbanLifeMap.areTilesLoaded()", timeout=60_000)
    point = page.evaluate("(centre) => window.urbanLifeMap.project(centre)", list(lnglat))
    box = page.locator("#map").bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


def test_map_page_draws_the_demo_map_from_local_tiles(page, live_server, demo, tmp_path):
    requests = open_map(page, live_server, demo)
    layer = Layer.objects.get(map=demo)
    drawn = page.evaluate(
        "([source, sourceLayer]) => window.urbanLifeMap.querySourceFeatures(source, {sourceLayer}).length",
        [f"layer-{layer.pk}", layer.name],
    )
    assert drawn > 0
    hosts = {urlparse(url).netloc for url in requests if url.startswith("http")}
    assert hosts == {urlparse(live_server.url).netloc}
    page.screenshot(path=str(tmp_path / "map.png"))


def test_a_script_in_a_title_is_shown_as_text_and_never_runs(page, live_server, demo):
    layer = Layer.objects.get(map=demo)
    centre = (126.9935, 37.5605)
    Feature.objects.create(
        layer=layer,
        geometry=Point(*centre, srid=4326),
        category=layer.categories.first(),
        title=SCRIPT_TITLE,
        status="published",
    )
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_map(page, live_server, demo)
    click_on_map(page, centre)
    popup = page.locator(".maplibregl-popup-content .popup-title")
    popup.wait_for(timeout=10_000)
    assert popup.inner_text() == SCRIPT_TITLE
    assert page.locator(".maplibregl-popup-content img").count() == 0
    assert dialogs == []
