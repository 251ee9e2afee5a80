"""The downloaded standalone map in a real browser with networking off: it opens from disk without a single
request, Leaflet draws every exported feature, a script in a title shows as text in its popup and never runs,
the layer control hides and shows a layer, and a feature opens its popup from the keyboard."""

from io import StringIO

import pytest
from django.contrib.gis.geos import MultiPoint, Point
from django.core.management import call_command

from layers.models import Feature, Layer
from mapping.models import Map

pytestmark = pytest.mark.django_db(transaction=True)

SCRIPT_TITLE = "<img src=x onerror=alert(1)>"
TWO_PLACES = "두 곳의 공유 자전거"  # one feature drawn as two circles
FEATURES = ".folium-map .leaflet-interactive"
FIND_FEATURE = """(title) => {
    const map = window[document.querySelector(".folium-map").id];
    let found = null;
    map.eachLayer((layer) => { if (layer.feature && layer.feature.properties.title === title) found = layer; });
    map.setView(found.getLatLng(), 18, {animate: false});
    const point = map.latLngToContainerPoint(found.getLatLng());
    return {x: point.x, y: point.y};
}"""


@pytest.fixture
def exported_file(settings, tmp_path, client):
    """The demo sharing map with a script-titled feature and a two-point one, exported and saved to disk."""
    settings.SHARED_DATA_DIR = tmp_path  # the built-in 중구 keeps the test independent of shared data
    call_command("load_demo", stdout=StringIO())
    map_ = Map.objects.get(slug="demo-sharing")
    layer = Layer.objects.get(map=map_)
    Feature.objects.create(
        layer=layer,
        geometry=Point(126.9935, 37.5605, srid=4326),
        category=layer.categories.first(),
        title=SCRIPT_TITLE,
        status="published",
    )
    Feature.objects.create(
        layer=layer,
        geometry=MultiPoint(Point(126.985, 37.565), Point(126.987, 37.566), srid=4326),
        category=layer.categories.first(),
        title=TWO_PLACES,
        status="published",
    )
    response = client.get(f"/maps/{map_.pk}/export.html", headers={"accept-language": "en"})
    assert response.status_code == 200
    path = tmp_path / "export.html"
    path.write_bytes(response.content)
    print(f"export of {Feature.objects.filter(layer=layer).count()} features: {len(response.content):,} bytes")
    return path, layer


@pytest.fixture
def offline_page(browser):
    """A page with networking off whose every request is recorded; anything but a file is aborted."""
    context = browser.new_context(offline=True, locale="en-US", viewport={"width": 1280, "height": 800})
    requests = []

    def handle(route):
        requests.append(route.request.url)
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", handle)
    page = context.new_page()
    page.on("request", lambda request: requests.append(request.url))
    yield page, requests
    context.close()


def test_the_export_opens_offline_and_shows_its_features(exported_file, offline_page, tmp_path):
    path, layer = exported_file
    page, requests = offline_page
    dialogs, errors = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.as_uri())

    assert set(requests) == {path.as_uri()}
    assert errors == []
    features = Feature.objects.filter(layer=layer).count()
    assert page.locator(FEATURES).count() >= features
    overview = tmp_path / "standalone-export-overview.png"
    page.screenshot(path=str(overview))
    print(f"screenshot: {overview}")

    overlay = page.get_by_role("checkbox", name=layer.name)
    overlay.uncheck()
    assert page.locator(FEATURES).count() == 0
    overlay.check()
    assert page.locator(FEATURES).count() >= features

    point = page.evaluate(FIND_FEATURE, SCRIPT_TITLE)
    box = page.locator(".folium-map").bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    title = page.locator(".leaflet-popup-content .ulm-popup-title")
    title.wait_for(timeout=10_000)
    page.wait_for_function("() => getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1'")
    assert title.inner_text() == SCRIPT_TITLE
    assert page.locator(".leaflet-popup-content img").count() == 0
    assert page.locator(".leaflet-popup-content a").get_attribute("href").startswith("http://testserver/features/")
    assert dialogs == []
    assert set(requests) == {path.as_uri()}

    popup = tmp_path / "standalone-export-popup.png"
    page.screenshot(path=str(popup))
    print(f"screenshot: {popup}")


def test_features_open_their_popup_from_the_keyboard(exported_file, offline_page):
    path, layer = exported_file
    page, requests = offline_page
    page.goto(path.as_uri())
    feature = page.get_by_role("button", name=SCRIPT_TITLE)
    feature.focus()
    page.keyboard.press("Enter")
    link = page.locator(".leaflet-popup-content a")
    link.wait_for(timeout=10_000)
    assert page.locator(".leaflet-popup-content .ulm-popup-title").inner_text() == SCRIPT_TITLE
    assert link.evaluate("(element) => element === document.activeElement")
    assert page.get_by_role("button", name=TWO_PLACES).count() == 2
    assert set(requests) == {path.as_uri()}
