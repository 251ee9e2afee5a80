"""The panels of the map page in a real Chromium: legend toggles, list view, popups, sharing, 3D,
the embed page inside another site's <iframe>, keyboard use and a phone-sized screen."""

import io

import pytest
from django.conf import settings
from django.contrib.gis.geos import Point
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from layers.models import Feature, FeatureStatus, Layer
from mapping.models import User

from .test_map_page import SCRIPT_TITLE, click_on_map, load_sharing_demo, open_map

pytestmark = pytest.mark.django_db(transaction=True)

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}
MAP = "window.urbanLifeMap"


@pytest.fixture
def sharing(settings, tmp_path):
    return load_sharing_demo(settings, tmp_path)


@pytest.fixture
def layer(sharing):
    return Layer.objects.get(map=sharing)


def new_context(browser, viewport=DESKTOP, **options):
    return browser.new_context(locale="en-US", viewport=viewport, **options)


@pytest.fixture
def page(browser):
    context = new_context(browser)
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(browser):
    context = new_context(browser, PHONE, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


def log_in(context, live_server, user):
    """Copies a session made by Django's test client into the browser context."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}])


def open_panel(page, name):
    page.get_by_role("button", name=name, exact=True).click()


def list_titles(page):
    return page.locator(".map-list-item .map-list-title").all_inner_texts()


def open_list(page, expected_rows):
    open_panel(page, "List")
    page.wait_for_function(
        "(n) => document.querySelectorAll('.map-list-item').length === n", arg=expected_rows, timeout=30_000
    )


def style_layers(layer):
    return [f"layer-{layer.pk}-{kind}" for kind in ("fill", "outline", "line", "circle")]


def rendered(page, layer):
    return page.evaluate(f"(ids) => {MAP}.queryRenderedFeatures({{layers: ids}}).length", style_layers(layer))


def wait_idle(page):
    page.wait_for_function(f"{MAP}.areTilesLoaded() && !{MAP}.isMoving()", timeout=60_000)


def published_count(layer, **filters):
    return Feature.objects.filter(layer=layer, status=FeatureStatus.PUBLISHED, **filters).count()


def test_legend_toggles_a_layer_and_filters_categories_on_map_and_list(page, live_server, sharing, layer):
    open_map(page, live_server, sharing)
    assert rendered(page, layer) > 0
    open_panel(page, "Legend")
    layer_box = page.locator(f"[data-legend-layer='{layer.pk}']")
    layer_box.uncheck()
    assert page.evaluate(f"{MAP}.getLayoutProperty('layer-{layer.pk}-circle', 'visibility')") == "none"
    page.wait_for_function(
        f"(ids) => {MAP}.queryRenderedFeatures({{layers: ids}}).length === 0", arg=style_layers(layer)
    )
    layer_box.check()
    page.wait_for_function(f"(ids) => {MAP}.queryRenderedFeatures({{layers: ids}}).length > 0", arg=style_layers(layer))

    page.get_by_role("checkbox", name="Food").uncheck()
    circle_filter = page.evaluate(f"{MAP}.getFilter('layer-{layer.pk}-circle')")
    assert circle_filter[0] == "all" and circle_filter[1][0] == "match"  # the geometry filter is kept
    assert circle_filter[2] == ["in", ["get", "category"], ["literal", ["play", "story", "amenity"]]]
    page.wait_for_function(
        f"""(ids) => {{
            const categories = {MAP}.queryRenderedFeatures({{layers: ids}}).map((f) => f.properties.category);
            return categories.length > 0 && !categories.includes("food");
        }}""",
        arg=style_layers(layer),
    )
    open_list(page, published_count(layer) - published_count(layer, category__key="food"))
    assert "Food" not in page.locator(".map-list-items").inner_text()


def test_the_list_shows_what_the_api_returns_and_sorts_and_filters(page, live_server, sharing, layer):
    open_map(page, live_server, sharing)
    answer = page.request.get(f"{live_server.url}/api/v1/layers/{layer.pk}/features?limit=1000").json()
    assert answer["numberReturned"] == answer["numberMatched"] == 50
    open_list(page, answer["numberReturned"])
    panel = page.locator("#map-panel-list")
    assert page.locator("[data-list-count]").inner_text() == "50 reports"
    newest = list_titles(page)
    expected = [f["properties"]["title"] for f in sorted(answer["features"], key=lambda f: f["properties"]["created"])]
    assert newest == expected[::-1]

    panel.get_by_label("Sort").select_option("oldest")
    assert list_titles(page) == expected
    panel.get_by_label("Sort").select_option("title")
    assert list_titles(page) == sorted(expected)

    panel.get_by_label("Search titles and summaries").fill("놀이터")
    assert list_titles(page) == sorted(title for title in expected if "놀이터" in title)
    assert page.locator("[data-list-count]").inner_text() == f"Showing {len(list_titles(page))} of 50 reports"
    panel.get_by_label("Search titles and summaries").fill("")
    panel.get_by_label("Category").select_option(label="Local stories")
    assert len(list_titles(page)) == published_count(layer, category__key="story")
    panel.get_by_label("Status").select_option("pending")
    assert list_titles(page) == []
    panel.get_by_label("Status").select_option("published")
    row = page.locator(".map-list-item").first
    assert row.locator(".map-category").inner_text() == "Local stories"
    assert row.locator(".map-category .map-swatch").count() == 1
    assert row.locator(".map-list-status").inner_text() == "published"
    assert row.locator(".map-list-votes").inner_text() == "0 people agree"
    assert row.locator("time").inner_text()
    assert row.locator(".map-list-title").get_attribute("href") == f"/features/{row.get_attribute('data-feature-id')}/"


def test_show_on_map_opens_the_popup_and_focuses_it(page, live_server, sharing, layer):
    open_map(page, live_server, sharing)
    open_list(page, 50)
    first = page.locator(".map-list-item").first
    title = first.locator(".map-list-title").inner_text()
    first.get_by_role("button", name="Show on map").click()
    popup = page.locator(".maplibregl-popup .feature-popup")
    popup.wait_for()
    assert popup.locator(".popup-title").inner_text() == title
    assert page.evaluate("document.activeElement.classList.contains('feature-popup')")
    assert popup.get_by_role("link", name="Open the report page").get_attribute("href").startswith("/features/")
    wait_idle(page)
    feature = Feature.objects.get(layer=layer, title=title, pk=first.get_attribute("data-feature-id"))
    centre = page.evaluate(f"{MAP}.getCenter().toArray()")
    assert page.evaluate(f"{MAP}.getZoom()") >= 16
    assert abs(centre[1] - feature.geometry.centroid.y) < 0.01
    page.keyboard.press("Escape")
    popup.wait_for(state="detached")
    assert page.evaluate("document.activeElement.classList.contains('map-list-show')")


def test_a_script_title_is_text_in_the_popup_and_the_list(page, live_server, sharing, layer):
    feature = Feature.objects.create(
        layer=layer,
        geometry=Point(126.9935, 37.5605, srid=4326),
        category=layer.categories.first(),
        title=SCRIPT_TITLE,
        summary=SCRIPT_TITLE,
        status="published",
    )
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_map(page, live_server, sharing)
    open_list(page, 51)
    row = page.locator(f".map-list-item[data-feature-id='{feature.pk}']")
    assert row.locator(".map-list-title").inner_text() == SCRIPT_TITLE
    assert page.locator(".map-list-items img").count() == 0
    row.get_by_role("button", name="Show on map").click()
    popup = page.locator(".feature-popup")
    assert popup.locator(".popup-title").inner_text() == SCRIPT_TITLE
    assert popup.locator(".popup-summary").inner_text() == SCRIPT_TITLE
    assert popup.locator("img").count() == 0
    assert dialogs == []


def jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (30, 120, 200)).save(buffer, "JPEG")
    return buffer.getvalue()


def test_a_click_shows_the_full_feature_with_photos_and_stays_quiet_while_drawing(
    page, live_server, sharing, layer, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    feature = next(f for f in Feature.objects.filter(layer=layer).order_by("pk") if f.geometry.geom_type == "Point")
    author = Client()
    author.force_login(feature.author)
    upload = {"file": SimpleUploadedFile("alley.jpg", jpeg(), content_type="image/jpeg"), "caption": "골목 입구"}
    photo = author.post(f"/api/v1/features/{feature.pk}/photos", upload).json()
    open_map(page, live_server, sharing)
    page.evaluate(
        """() => {
            window.popupsOpened = 0;
            new MutationObserver((changes) => {
                changes.forEach((change) => change.addedNodes.forEach((node) => {
                    if (node.classList && node.classList.contains("maplibregl-popup")) window.popupsOpened += 1;
                }));
            }).observe(document.getElementById("map"), {childList: true, subtree: true});
            document.dispatchEvent(new CustomEvent("urbanlife:mode", {detail: {mode: "draw"}}));
        }"""
    )
    click_on_map(page, feature.geometry.coords)
    page.evaluate("document.dispatchEvent(new CustomEvent('urbanlife:mode', {detail: {mode: 'browse'}}))")
    click_on_map(page, feature.geometry.coords)
    popup = page.locator(".feature-popup")
    image = popup.locator(".popup-photos img")
    image.wait_for(state="attached")
    assert page.evaluate("window.popupsOpened") == 1  # the click while drawing opened nothing
    assert image.get_attribute("alt") == "골목 입구"
    assert image.get_attribute("src") == photo["thumbnail"]
    assert popup.locator(".popup-title").inner_text() == feature.title
    assert popup.locator(".popup-summary").inner_text() == feature.summary
    assert popup.locator(".map-category").inner_text() == feature.category.label_en
    assert popup.locator(".popup-status").inner_text() == "published"
    assert popup.locator(".popup-vote-count").inner_text() == "0 people agree"
    assert popup.get_by_role("link", name="Log in to agree").count() == 1
    assert popup.get_by_role("link", name="Open the report page").get_attribute("href") == f"/features/{feature.pk}/"


def test_the_author_gets_edit_and_no_vote_on_their_own_report(browser, live_server, sharing, layer):
    feature = Feature.objects.filter(layer=layer).order_by("pk").first()
    context = new_context(browser)
    log_in(context, live_server, feature.author)
    page = context.new_page()
    open_map(page, live_server, sharing)
    page.evaluate(
        "document.addEventListener('urbanlife:edit-feature', (event) => { window.editing = event.detail.featureId; })"
    )
    open_list(page, 50)
    row = page.locator(f".map-list-item[data-feature-id='{feature.pk}']")
    assert row.get_by_role("button", name="Edit").count() == 1
    row.get_by_role("button", name="Show on map").click()
    popup = page.locator(".feature-popup")
    assert popup.get_by_role("button", name="Agree").count() == 0
    popup.get_by_role("button", name="Edit").click()
    assert page.evaluate("window.editing") == feature.pk
    popup.wait_for(state="detached")
    context.close()


def test_the_3d_toggle_tilts_the_view_and_raises_buildings(page, live_server, sharing):
    open_map(page, live_server, sharing)
    page.evaluate(f"{MAP}.jumpTo({{zoom: 12}})")
    button = page.get_by_role("button", name="3D")
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    assert page.evaluate(f"{MAP}.getLayoutProperty('buildings-3d', 'visibility')") == "visible"
    assert page.evaluate(f"{MAP}.getLayoutProperty('buildings', 'visibility')") == "none"
    page.wait_for_function(f"!{MAP}.isMoving()")
    assert page.evaluate(f"{MAP}.getPitch()") > 0
    assert page.evaluate(f"{MAP}.getZoom()") >= page.evaluate(f"{MAP}.getLayer('buildings-3d').minzoom")
    button.click()
    page.wait_for_function(f"!{MAP}.isMoving()")
    assert page.evaluate(f"{MAP}.getPitch()") == 0
    assert page.evaluate(f"{MAP}.getLayoutProperty('buildings', 'visibility')") == "visible"
    assert page.evaluate(f"{MAP}.getLayoutProperty('buildings-3d', 'visibility')") == "none"


def test_share_panel_copies_the_link_and_gives_escaped_embed_code(browser, live_server, sharing):
    sharing.title = 'Say "hi" <b>'
    sharing.save()
    context = new_context(browser, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    open_map(page, live_server, sharing)
    open_panel(page, "Share")
    page_url = f"{live_server.url}/maps/{sharing.pk}/"
    assert page.get_by_label("Link to this map").input_value() == page_url
    code = page.get_by_label("Embed code for another website").input_value()
    assert code == (
        f'<iframe src="{page_url}embed/" width="100%" height="480" style="border:0" '
        'title="Say &quot;hi&quot; &lt;b&gt;" loading="lazy"></iframe>'
    )
    page.get_by_role("button", name="Copy link").click()
    page.wait_for_function("document.getElementById('map-panels-status').textContent === 'Link copied'")
    assert page.evaluate("navigator.clipboard.readText()") == page_url
    page.get_by_role("button", name="Copy embed code").click()
    page.wait_for_function("document.getElementById('map-panels-status').textContent === 'Embed code copied'")
    assert page.evaluate("navigator.clipboard.readText()") == code
    download = page.get_by_role("link", name="Download as HTML file")
    assert download.get_attribute("href") == f"/maps/{sharing.pk}/export.html"
    assert download.get_attribute("download") is not None
    context.close()


def test_copy_falls_back_to_selecting_the_link(page, live_server, sharing):
    open_map(page, live_server, sharing)
    page.evaluate("() => { navigator.clipboard.writeText = () => Promise.reject(new Error('refused')); }")
    open_panel(page, "Share")
    page.get_by_role("button", name="Copy link").click()
    page.wait_for_function("document.activeElement.id === 'map-share-link'")
    selected = page.evaluate(
        "(() => { const f = document.activeElement; return f.value.slice(f.selectionStart, f.selectionEnd); })()"
    )
    assert selected == f"{live_server.url}/maps/{sharing.pk}/"
    assert "Ctrl+C" in page.locator("#map-panels-status").inner_text()


def test_the_embed_page_runs_inside_another_sites_iframe_without_editor(page, live_server, sharing, layer):
    embed_url = f"{live_server.url}/maps/{sharing.pk}/embed/"
    page.set_content(f'<iframe src="{embed_url}" width="900" height="600" title="embedded map"></iframe>')
    frame = page.frame_locator("iframe")
    frame.locator("#map[data-loaded-at]").wait_for(timeout=60_000)
    inner = next(candidate for candidate in page.frames if candidate.url == embed_url)
    inner.wait_for_function(f"{MAP}.areTilesLoaded()", timeout=60_000)
    assert inner.evaluate(f"(ids) => {MAP}.queryRenderedFeatures({{layers: ids}}).length", style_layers(layer)) > 0
    assert frame.locator("[data-editor], .editor, #editor").count() == 0
    assert frame.get_by_role("link", name="Log in to add a report").count() == 0
    frame.get_by_role("button", name="Share", exact=True).click()
    share = frame.locator("#map-panel-share")
    assert (
        share.get_by_role("link", name="Open the full map").get_attribute("href")
        == f"{live_server.url}/maps/{sharing.pk}/"
    )
    assert share.locator("input, textarea, [download]").count() == 0
    frame.get_by_role("button", name="List", exact=True).click()
    frame.locator(".map-list-item").first.get_by_role("button", name="Show on map").click()
    popup = frame.locator(".feature-popup")
    popup.wait_for()
    assert popup.get_by_role("link", name="Open the report page").get_attribute("target") == "_blank"
    assert popup.get_by_role("button", name="Edit").count() == 0
    assert popup.get_by_role("button", name="Agree").count() == 0


def test_keyboard_reaches_the_bar_opens_panels_and_escape_returns_focus(page, live_server, sharing):
    open_map(page, live_server, sharing)
    page.locator("body").focus()
    focused = []
    for _ in range(30):
        page.keyboard.press("Tab")
        focused.append(page.evaluate("document.activeElement.id"))
        if focused[-1] == "map-tool-3d":
            break
    assert focused[-4:] == ["map-tool-legend", "map-tool-list", "map-tool-share", "map-tool-3d"]
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    for name, panel in (("legend", "map-panel-legend"), ("list", "map-panel-list"), ("share", "map-panel-share")):
        page.locator(f"#map-tool-{name}").focus()
        page.keyboard.press("Enter")
        assert page.locator(f"#{panel}").is_visible()
        assert page.locator(f"#map-tool-{name}").get_attribute("aria-expanded") == "true"
        assert page.evaluate("(id) => document.getElementById(id).contains(document.activeElement)", panel)
        page.keyboard.press("Tab")
        page.keyboard.press("Escape")
        assert not page.locator(f"#{panel}").is_visible()
        assert page.evaluate("document.activeElement.id") == f"map-tool-{name}"
        assert page.locator(f"#map-tool-{name}").get_attribute("aria-expanded") == "false"


def test_anonymous_readers_see_a_login_link_and_signed_in_ones_do_not(browser, live_server, sharing):
    context = new_context(browser)
    page = context.new_page()
    open_map(page, live_server, sharing)
    login = page.get_by_role("link", name="Log in to add a report")
    assert login.get_attribute("href") == f"/accounts/login/?next=/maps/{sharing.pk}/"
    log_in(context, live_server, User.objects.get(username="demo-planner"))
    open_map(page, live_server, sharing)
    assert page.get_by_role("link", name="Log in to add a report").count() == 0
    context.close()


def test_locate_me_explains_itself_and_takes_a_refusal_politely(page, live_server, sharing):
    open_map(page, live_server, sharing)
    button = page.locator(".maplibregl-ctrl-geolocate")
    button.wait_for()
    help_id = button.get_attribute("aria-describedby")
    assert "asks for your permission first" in page.locator(f"#{help_id}").text_content()
    page.wait_for_function("!document.querySelector('.maplibregl-ctrl-geolocate').disabled")
    button.click()
    page.wait_for_function("document.getElementById('map-panels-status').textContent.includes('not shared')")


def test_a_second_user_agrees_in_the_popup(browser, live_server, sharing, layer):
    feature = Feature.objects.filter(layer=layer, status=FeatureStatus.PUBLISHED).order_by("pk").first()
    context = new_context(browser)
    log_in(context, live_server, User.objects.get(username="demo-planner"))
    page = context.new_page()
    open_map(page, live_server, sharing)
    open_list(page, 50)
    page.locator(f".map-list-item[data-feature-id='{feature.pk}']").get_by_role("button", name="Show on map").click()
    agree = page.locator(".feature-popup").get_by_role("button", name="Agree")
    assert agree.get_attribute("aria-pressed") == "false"
    assert page.locator(".feature-popup").get_by_role("button", name="Edit").count() == 0
    agree.click()
    page.wait_for_function("document.querySelector('.popup-vote').getAttribute('aria-pressed') === 'true'")
    assert page.locator(".popup-vote-count").inner_text() == "1 person agrees"
    assert feature.votes.count() == 1
    page.wait_for_function(
        f"document.querySelector(\".map-list-item[data-feature-id='{feature.pk}'] .map-list-votes\")"
        ".textContent === '1 person agrees'"
    )
    agree.click()
    page.wait_for_function("document.querySelector('.popup-vote').getAttribute('aria-pressed') === 'false'")
    assert feature.votes.count() == 0
    context.close()


def test_features_changed_reloads_tiles_and_the_list(page, live_server, sharing, layer):
    open_map(page, live_server, sharing)
    open_list(page, 50)
    tiles = page.evaluate(f"{MAP}.getSource('layer-{layer.pk}').tiles[0]")
    Feature.objects.create(
        layer=layer,
        geometry=Point(126.99, 37.56, srid=4326),
        category=layer.categories.first(),
        title="새 장소",
        status="published",
    )
    page.evaluate("document.dispatchEvent(new CustomEvent('urbanlife:features-changed', {detail: {}}))")
    page.wait_for_function("document.querySelectorAll('.map-list-item').length === 51")
    page.wait_for_function(f"(old) => {MAP}.getSource('layer-{layer.pk}').tiles[0] !== old", arg=tiles)


def test_layout_on_a_phone_and_a_desktop(page, phone, live_server, sharing, tmp_path):
    open_map(phone, live_server, sharing)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    for tool in phone.locator(".map-tool").all():
        box = tool.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    open_list(phone, 50)
    map_box = phone.locator("#map").bounding_box()
    sheet = phone.locator("#map-panel-list").bounding_box()
    assert sheet["y"] > map_box["y"] + 100  # the upper part of the map stays in view
    assert abs(sheet["y"] + sheet["height"] - PHONE["height"]) < 2 and sheet["width"] == PHONE["width"]
    for button in phone.locator(".map-list-show").all()[:3]:
        assert button.bounding_box()["height"] >= 44
    phone.screenshot(path=str(tmp_path / "phone-list.png"))
    phone.locator(".map-list-show").first.click()
    phone.locator(".feature-popup").wait_for()
    assert not phone.locator("#map-panel-list").is_visible()  # the sheet steps aside for the popup
    wait_idle(phone)
    popup = phone.locator(".maplibregl-popup").bounding_box()
    buttons = phone.locator(".maplibregl-ctrl-top-right").bounding_box()
    assert popup["x"] >= map_box["x"] and popup["x"] + popup["width"] <= buttons["x"]  # clear of the map's buttons
    phone.screenshot(path=str(tmp_path / "phone-popup.png"))

    open_map(page, live_server, sharing)
    open_list(page, 50)
    map_box = page.locator("#map").bounding_box()
    side = page.locator("#map-panel-list").bounding_box()
    assert abs(side["x"] - map_box["x"]) < 2 and abs(side["y"] - map_box["y"]) < 2
    assert abs(side["height"] - map_box["height"]) < 2 and side["width"] < map_box["width"] / 2
    page.locator(".map-list-show").first.click()
    page.locator(".feature-popup").wait_for()
    wait_idle(page)
    popup = page.locator(".maplibregl-popup").bounding_box()
    assert popup["x"] > side["x"] + side["width"]  # the map moved the feature clear of the side panel
    page.screenshot(path=str(tmp_path / "desktop-list.png"))
    open_panel(page, "Legend")
    page.screenshot(path=str(tmp_path / "desktop-legend.png"))
    for name in ("phone-list", "phone-popup", "desktop-list", "desktop-legend"):
        print(tmp_path / f"{name}.png")
