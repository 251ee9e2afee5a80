"""The feature editor in a real Chromium: drawing with the mouse, by keyboard only and by tap on a
phone; the form with photos and a layer's extra fields; saving through the API with If-Match and
its conflicts; a report kept through a network drop and a page reload; user text shown as text."""

import pytest

from layers.models import Feature, Photo
from layers.services.features import create_feature, update_feature
from layers.services.layers import create_layer
from mapping.models import Map

from .editor_helpers import (
    assert_close,
    assert_ring,
    click_map,
    draft_of,
    draw_point,
    draw_polygon,
    lnglat_at,
    map_centre,
    map_point,
    open_editor,
    report_form,
    save_and_wait,
    signed_in_context,
    small_jpeg,
    wait_for_ring,
    wait_for_shapes,
    wait_saved,
)

pytestmark = pytest.mark.django_db(transaction=True)

SCRIPT_TITLE = "<img src=x onerror=alert(1)>"
CATEGORIES = [
    {"key": "dark-alley", "label_ko": "어두운 골목", "label_en": "Dark alley"},
    {"key": "broken", "label_ko": "파손 시설", "label_en": "Broken facility"},
]
FIELDS = [
    {"key": "lighting", "label": "Lighting", "type": "choice", "choices": ["none", "weak"], "required": True},
    {"key": "lanes", "label": "Lanes", "type": "number"},
    {"key": "checked", "label": "Checked on site", "type": "boolean"},
    {"key": "seen", "label": "Seen on", "type": "date"},
    {"key": "note", "label": "Note", "type": "text"},
]
SQUARE = [(-80, -60), (80, -60), (80, 60), (-80, 60)]


def make_map(users, junggu, **layer):
    map_ = Map.objects.create(
        title="Editor test map", kind="safety", district=junggu, owner=users["owner"], visibility="public"
    )
    create_layer(map_, {"name": "Reports", "categories": CATEGORIES, **layer})
    return map_


@pytest.fixture
def report_map(users, junggu):
    return make_map(users, junggu, fields=FIELDS)


@pytest.fixture
def plain_map(users, junggu):
    return make_map(users, junggu)


@pytest.fixture
def resident_page(browser, live_server, users):
    context = signed_in_context(browser, live_server, users["resident"])
    page = context.new_page()
    yield page
    context.close()


def draw_square(page):
    """Draws the area SQUARE around the map's centre; returns its corners' longitudes and latitudes."""
    corners = [lnglat_at(page, dx, dy) for dx, dy in SQUARE]
    draw_polygon(page, SQUARE)
    wait_for_ring(page, corners)
    return corners


def screenshot(page, tmp_path, name):
    path = tmp_path / f"{name}.png"
    page.screenshot(path=str(path))
    print(f"screenshot: {path}")
    return path


def test_an_area_and_a_point_drawn_with_the_mouse_are_saved_with_form_fields_and_a_photo(
    resident_page, live_server, report_map, tmp_path
):
    page = resident_page
    open_editor(page, live_server, report_map)
    corners = draw_square(page)
    report_form(page).get_by_label("Category").select_option("broken")
    report_form(page).get_by_label("Title").fill("Broken fence around the playground")
    report_form(page).get_by_label("Summary").fill("The fence has been down for a week.")
    report_form(page).get_by_label("Lighting").select_option("weak")
    report_form(page).get_by_label("Lanes").fill("2")
    report_form(page).get_by_label("Checked on site").check()
    report_form(page).get_by_label("Seen on").fill("2026-03-01")
    page.locator("#editor-photo-gallery").set_input_files(
        {"name": "huge.jpg", "mimeType": "image/jpeg", "buffer": b"\xff" * (10 * 1024 * 1024 + 1)}
    )
    assert "larger than 10 MB" in page.locator("[data-photo-message]").inner_text()
    page.locator("#editor-photo-gallery").set_input_files(str(small_jpeg(tmp_path / "fence.jpg")))
    assert page.locator("[data-photo-list] img").count() == 1
    screenshot(page, tmp_path, "desktop-form")
    save_and_wait(page)

    area = Feature.objects.get(title="Broken fence around the playground")
    assert area.geometry.geom_type == "Polygon"
    assert_ring(area.geometry.coords[0], corners)
    assert area.category.key == "broken"
    assert area.summary == "The fence has been down for a week."
    assert area.properties == {"lighting": "weak", "lanes": 2, "checked": True, "seen": "2026-03-01"}
    assert Photo.objects.filter(feature=area).count() == 1
    assert page.locator("[data-editor-form]").is_hidden()
    assert draft_of(page, report_map) is None

    spot = lnglat_at(page, 40, 30)
    draw_point(page, 40, 30)
    report_form(page).get_by_label("Title").fill("Lamp out")
    report_form(page).get_by_label("Lighting").select_option("none")
    save_and_wait(page)
    point = Feature.objects.get(title="Lamp out")
    assert point.geometry.geom_type == "Point"
    assert_close(point.geometry.coords, spot)
    assert point.category.key == "dark-alley"
    assert point.properties == {"lighting": "none", "checked": False}


def test_undo_and_delete_shape_walk_the_shape_back(resident_page, live_server, plain_map):
    page = resident_page
    open_editor(page, live_server, plain_map)
    corners = draw_square(page)
    page.get_by_role("button", name="Delete shape").click()
    wait_for_shapes(page, "polygon", 0)
    assert page.get_by_role("button", name="Add an area").is_visible()
    page.keyboard.press("Control+z")
    wait_for_ring(page, corners)
    assert page.get_by_role("button", name="Delete shape").is_visible()
    page.get_by_role("button", name="Undo").click()
    wait_for_shapes(page, "polygon", 0)
    assert page.get_by_role("button", name="Add a point").is_visible()
    assert page.get_by_role("button", name="Undo").is_disabled()


def test_a_vertex_dragged_in_edit_mode_moves_and_undo_puts_it_back(resident_page, live_server, plain_map):
    page = resident_page
    open_editor(page, live_server, plain_map)
    corners = draw_square(page)
    edit = page.get_by_role("button", name="Edit shape")
    edit.click()
    assert edit.get_attribute("aria-pressed") == "true"
    moved = [lnglat_at(page, 130, -110) if (dx, dy) == (80, -60) else lnglat_at(page, dx, dy) for dx, dy in SQUARE]
    page.mouse.move(*map_point(page, 80, -60))
    page.mouse.down()
    for step in range(1, 11):
        page.mouse.move(*map_point(page, 80 + 5 * step, -60 - 5 * step))
    page.mouse.up()
    wait_for_ring(page, moved)
    page.keyboard.press("Control+z")
    wait_for_ring(page, corners)


def test_cancel_asks_before_throwing_typed_text_away_and_the_mode_follows(resident_page, live_server, plain_map):
    page = resident_page
    page.add_init_script(
        "window.modes = []; document.addEventListener('urbanlife:mode', (e) => window.modes.push(e.detail.mode));"
    )
    open_editor(page, live_server, plain_map)
    draw_point(page)
    assert page.evaluate("window.modes") == ["browse", "draw"]
    report_form(page).get_by_label("Title").fill("Keep me")
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Cancel").click()
    assert report_form(page).get_by_label("Title").input_value() == "Keep me"
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Cancel").click()
    report_form(page).wait_for(state="hidden")
    wait_for_shapes(page, "point", 0)
    assert page.evaluate("window.modes") == ["browse", "draw", "browse"]
    page.wait_for_function(f"localStorage.getItem('urbanlife:draft:map:{plain_map.pk}') === null")


def test_a_full_storage_does_not_stop_drawing_or_saving(resident_page, live_server, plain_map):
    page = resident_page
    page.add_init_script(
        "Storage.prototype.setItem = () => { throw new DOMException('The quota has been exceeded.', "
        "'QuotaExceededError'); };"
    )
    open_editor(page, live_server, plain_map)
    draw_polygon(page, SQUARE)
    report_form(page).get_by_label("Title").fill("Storage is full")
    page.get_by_text("This browser's storage is full").wait_for()
    save_and_wait(page)
    assert Feature.objects.get(title="Storage is full").geometry.geom_type == "Polygon"
    assert page.locator("[data-editor-storage-full]").is_hidden()


def test_the_layer_is_chosen_first_and_offers_only_its_kinds_of_shape(resident_page, live_server, users, junggu):
    map_ = Map.objects.create(
        title="Two layers", kind="safety", district=junggu, owner=users["owner"], visibility="public"
    )
    alleys = create_layer(map_, {"name": "Alleys", "geometry_kinds": ["LineString"], "categories": CATEGORIES})
    spots = create_layer(
        map_,
        {
            "name": "Spots",
            "geometry_kinds": ["Point"],
            "categories": [{"key": "bench", "label_ko": "벤치", "label_en": "Bench"}],
            "order": 1,
        },
    )
    page = resident_page
    open_editor(page, live_server, map_)
    layer = page.locator("#editor-layer")
    assert layer.input_value() == str(alleys.pk)
    assert page.get_by_role("button", name="Add a line").is_visible()
    assert page.get_by_role("button", name="Add a point").count() == 0
    line = [lnglat_at(page, dx, dy) for dx, dy in ((-90, 20), (0, -30), (90, 10))]
    page.get_by_role("button", name="Add a line").click()
    for dx, dy in ((-90, 20), (0, -30), (90, 10)):
        click_map(page, dx, dy)
    click_map(page, 90, 10)
    report_form(page).get_by_label("Title").fill("Unlit alley")
    save_and_wait(page)
    alley = Feature.objects.get(title="Unlit alley")
    assert alley.layer == alleys and alley.geometry.geom_type == "LineString"
    for vertex, expected in zip(alley.geometry.coords, line, strict=True):
        assert_close(vertex, expected)

    layer.select_option(str(spots.pk))
    assert page.get_by_role("button", name="Add a line").count() == 0
    draw_point(page)
    assert report_form(page).get_by_label("Category").input_value() == "bench"
    assert layer.is_disabled()
    report_form(page).get_by_label("Title").fill("Bench with a view")
    save_and_wait(page)
    bench = Feature.objects.get(title="Bench with a view")
    assert (bench.layer, bench.category.key, bench.geometry.geom_type) == (spots, "bench", "Point")


def start_editing(page, feature):
    page.evaluate(
        "(id) => document.dispatchEvent(new CustomEvent('urbanlife:edit-feature', {detail: {featureId: id}}))",
        feature.pk,
    )
    page.locator("#editor-title").wait_for()
    page.wait_for_function("document.getElementById('editor-title').value !== ''")


@pytest.fixture
def own_feature(users, plain_map):
    layer = plain_map.layers.get()
    return create_feature(
        users["resident"],
        layer,
        {
            "geometry": {"type": "Point", "coordinates": [126.99, 37.56]},
            "category": "dark-alley",
            "title": "Dark stairs",
            "summary": "No lamp on the stairs.",
        },
    )


def test_a_conflict_shows_what_changed_keeps_the_typing_and_can_save_over_the_latest(
    resident_page, live_server, plain_map, own_feature, users, tmp_path
):
    page = resident_page
    open_editor(page, live_server, plain_map)
    start_editing(page, own_feature)
    assert report_form(page).get_by_label("Title").input_value() == "Dark stairs"
    update_feature(users["owner"], own_feature.pk, {"title": "Dark stairs near the school"}, expected_version=1)
    report_form(page).get_by_label("Title").fill("Dark stairs, lamp broken")
    page.get_by_role("button", name="Save", exact=True).click()

    conflict = page.locator("[data-editor-conflict]")
    conflict.wait_for()
    changes = conflict.locator("li").all_inner_texts()
    assert any("Title" in line and "Dark stairs near the school" in line for line in changes), changes
    assert "The shape on the map is the same." in changes
    assert report_form(page).get_by_label("Title").input_value() == "Dark stairs, lamp broken"
    screenshot(page, tmp_path, "conflict")
    page.get_by_role("button", name="Save my version over the latest").click()
    wait_saved(page)
    own_feature.refresh_from_db()
    assert own_feature.title == "Dark stairs, lamp broken"
    assert own_feature.version == 3


def test_a_conflict_can_be_resolved_by_taking_the_latest_version(
    resident_page, live_server, plain_map, own_feature, users
):
    page = resident_page
    open_editor(page, live_server, plain_map)
    start_editing(page, own_feature)
    update_feature(
        users["owner"],
        own_feature.pk,
        {"summary": "Fixed by the district.", "geometry": {"type": "Point", "coordinates": [126.991, 37.561]}},
        expected_version=1,
    )
    report_form(page).get_by_label("Title").fill("My title")
    page.get_by_role("button", name="Save", exact=True).click()
    conflict = page.locator("[data-editor-conflict]")
    conflict.wait_for()
    changes = conflict.locator("li").all_inner_texts()
    assert any(line.startswith("Summary") for line in changes), changes
    assert "The shape on the map was moved or reshaped." in changes
    page.get_by_role("button", name="Discard my changes and reload the latest").click()
    assert report_form(page).get_by_label("Title").input_value() == "Dark stairs"
    assert report_form(page).get_by_label("Summary").input_value() == "Fixed by the district."
    assert_close(wait_for_shapes(page, "point", 1)[0]["coordinates"], [126.991, 37.561])
    report_form(page).get_by_label("Title").fill("Dark stairs, fixed")
    save_and_wait(page)
    own_feature.refresh_from_db()
    assert (own_feature.title, own_feature.summary) == ("Dark stairs, fixed", "Fixed by the district.")


def test_a_feature_is_deleted_with_its_version_after_a_confirmation(resident_page, live_server, plain_map, own_feature):
    page = resident_page
    open_editor(page, live_server, plain_map)
    start_editing(page, own_feature)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Delete this report").click()
    page.locator("[data-editor-status]").get_by_text("The report was deleted.").wait_for()
    assert not Feature.objects.filter(pk=own_feature.pk).exists()


def abort_posts(route):
    if route.request.method == "POST":
        route.abort()
    else:
        route.continue_()


def test_a_network_drop_keeps_the_report_and_try_again_saves_it_once(resident_page, live_server, plain_map):
    page = resident_page
    open_editor(page, live_server, plain_map)
    draw_polygon(page, SQUARE)
    report_form(page).get_by_label("Title").fill("Flooded underpass")
    report_form(page).get_by_label("Summary").fill("Water up to the ankles after rain.")
    page.route("**/api/v1/layers/*/features", abort_posts)
    page.get_by_role("button", name="Save", exact=True).click()
    error = page.locator("[data-editor-error]")
    error.get_by_text("Could not save: the network is not answering. Your report is kept.").wait_for()
    assert report_form(page).get_by_label("Title").input_value() == "Flooded underpass"
    assert report_form(page).get_by_label("Summary").input_value() == "Water up to the ankles after rain."
    wait_for_shapes(page, "polygon", 1)
    assert not Feature.objects.exists()
    page.unroute("**/api/v1/layers/*/features", abort_posts)
    page.get_by_role("button", name="Try again").click()
    wait_saved(page)
    assert Feature.objects.filter(title="Flooded underpass").count() == 1
    assert Feature.objects.count() == 1


def test_a_refusal_from_the_api_is_shown_next_to_the_form_and_keeps_it(resident_page, live_server, plain_map):
    page = resident_page
    open_editor(page, live_server, plain_map)
    draw_point(page)
    report_form(page).get_by_label("Title").fill("Refused once")

    def refuse(route):
        if route.request.method != "POST":
            route.continue_()
            return
        route.fulfill(status=400, json={"detail": "The point (1.000000, 2.000000) is outside Korea."})

    page.route("**/api/v1/layers/*/features", refuse)
    page.get_by_role("button", name="Save", exact=True).click()
    report_form(page).get_by_text("Could not save: The point (1.000000, 2.000000) is outside Korea.").wait_for()
    assert report_form(page).get_by_role("button", name="Try again").is_hidden()
    assert report_form(page).get_by_label("Title").input_value() == "Refused once"
    page.unroute("**/api/v1/layers/*/features", refuse)
    save_and_wait(page)
    assert Feature.objects.filter(title="Refused once").count() == 1


def test_a_refused_photo_leaves_the_report_saved_once(resident_page, live_server, plain_map, tmp_path):
    page = resident_page
    open_editor(page, live_server, plain_map)
    draw_point(page)
    report_form(page).get_by_label("Title").fill("Photo refused")
    photos = report_form(page).locator("#editor-photo-gallery")
    photos.set_input_files([str(small_jpeg(tmp_path / "first.jpg")), str(small_jpeg(tmp_path / "second.jpg"))])

    def refuse_second(route):
        if b"second.jpg" in (route.request.post_data_buffer or b""):
            route.fulfill(status=400, json={"detail": "The file is not a photo we can read."})
        else:
            route.continue_()

    page.route("**/api/v1/features/*/photos", refuse_second)
    page.get_by_role("button", name="Save", exact=True).click()
    report_form(page).get_by_text("the photo “second.jpg” was not added").wait_for()
    feature = Feature.objects.get(title="Photo refused")
    assert Photo.objects.filter(feature=feature).count() == 1
    assert report_form(page).locator("[data-photo-list] li").count() == 1
    page.get_by_role("button", name="Remove the photo second.jpg").click()
    save_and_wait(page)
    assert Feature.objects.count() == 1
    feature.refresh_from_db()
    assert feature.version == 2  # created, then one photo: saving again sent nothing new


def test_the_report_is_sent_again_by_itself_when_the_browser_is_back_online(resident_page, live_server, plain_map):
    page = resident_page
    open_editor(page, live_server, plain_map)
    draw_point(page)
    report_form(page).get_by_label("Title").fill("Broken bench")
    page.context.set_offline(True)
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("Could not save: the network is not answering. Your report is kept.").wait_for()
    assert not Feature.objects.exists()
    page.context.set_offline(False)
    wait_saved(page)
    assert Feature.objects.filter(title="Broken bench").count() == 1


def test_a_finished_shape_and_its_form_survive_a_reload_until_discarded(resident_page, live_server, plain_map):
    page = resident_page
    open_editor(page, live_server, plain_map)
    corners = draw_square(page)
    report_form(page).get_by_label("Title").fill("Uneven pavement")
    page.reload()
    page.wait_for_selector("[data-editor][data-ready]", timeout=60_000)
    assert page.locator("[data-editor-restored]").is_visible()
    assert report_form(page).get_by_label("Title").input_value() == "Uneven pavement"
    wait_for_ring(page, corners)
    assert draft_of(page, plain_map)["values"]["title"] == "Uneven pavement"
    page.get_by_role("button", name="Discard").click()
    assert draft_of(page, plain_map) is None
    wait_for_shapes(page, "polygon", 0)
    assert page.locator("[data-editor-form]").is_hidden()
    page.reload()
    page.wait_for_selector("[data-editor][data-ready]", timeout=60_000)
    assert page.locator("[data-editor-restored]").is_hidden()


def test_a_half_drawn_area_survives_a_reload_and_can_be_finished(resident_page, live_server, plain_map):
    page = resident_page
    open_editor(page, live_server, plain_map)
    first, second = lnglat_at(page, -80, -60), lnglat_at(page, 80, -60)
    page.get_by_role("button", name="Add an area").click()
    click_map(page, -80, -60)
    click_map(page, 80, -60)
    page.wait_for_function(f"localStorage.getItem('urbanlife:draft:map:{plain_map.pk}') !== null")
    page.reload()
    page.wait_for_selector("[data-editor][data-ready]", timeout=60_000)
    assert page.locator("[data-editor-restored]").is_visible()
    assert page.get_by_role("button", name="Add a corner at the centre of the map").is_visible()
    third = lnglat_at(page, 0, 80)
    click_map(page, 0, 80)
    page.get_by_role("button", name="Finish the shape").click()
    report_form(page).get_by_label("Title").fill("Dark corner")
    save_and_wait(page)
    assert_ring(Feature.objects.get(title="Dark corner").geometry.coords[0], [first, second, third])


def press_tab_until(page, name, limit=60):
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.textContent.trim()")
        if focused == name:
            return
    raise AssertionError(f"Tab never reached {name!r}")


def test_a_point_is_added_with_the_keyboard_only(resident_page, live_server, plain_map, tmp_path):
    page = resident_page
    open_editor(page, live_server, plain_map)
    press_tab_until(page, "Add a point")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement === window.urbanLifeMap.getCanvas()")
    start = map_centre(page)
    for key in ("ArrowRight", "ArrowRight", "ArrowDown"):
        page.keyboard.press(key)
        page.wait_for_function("!window.urbanLifeMap.isMoving()")
    centre = map_centre(page)
    assert centre[0] > start[0] and centre[1] < start[1]
    assert page.locator("[data-editor-crosshair]").is_visible()
    screenshot(page, tmp_path, "keyboard-crosshair")
    press_tab_until(page, "Place a point at the centre of the map")
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'editor-category'")
    page.keyboard.press("Tab")
    page.keyboard.type("Pothole at the crossing")
    page.keyboard.press("Enter")
    wait_saved(page)
    feature = Feature.objects.get(title="Pothole at the crossing")
    assert feature.geometry.geom_type == "Point"
    assert_close(feature.geometry.coords, centre)


@pytest.fixture
def phone_page(browser, live_server, users):
    context = signed_in_context(
        browser,
        live_server,
        users["resident"],
        viewport={"width": 360, "height": 740},
        device_scale_factor=2,
        has_touch=True,
        is_mobile=True,
    )
    page = context.new_page()
    yield page
    context.close()


def assert_touch_targets(page, names):
    for name in names:
        box = page.get_by_role("button", name=name, exact=True).bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44, (name, box)


def test_a_point_is_added_by_tap_on_a_phone(phone_page, live_server, plain_map, tmp_path):
    page = phone_page
    open_editor(page, live_server, plain_map)
    assert_touch_targets(page, ["Add a point", "Add a line", "Add an area"])
    screenshot(page, tmp_path, "phone-idle")
    page.get_by_role("button", name="Add a point").tap()
    assert_touch_targets(page, ["Place a point at the centre of the map", "Cancel"])
    screenshot(page, tmp_path, "phone-drawing")
    box = page.locator("#map canvas").bounding_box()
    x, y = box["x"] + box["width"] / 2 + 30, box["y"] + box["height"] * 0.6
    spot = page.evaluate(
        "([x, y]) => Object.values(window.urbanLifeMap.unproject([x, y]))", [x - box["x"], y - box["y"]]
    )
    page.touchscreen.tap(x, y)
    page.locator("#editor-title").wait_for()
    assert_touch_targets(page, ["Edit shape", "Delete shape", "Undo", "Cancel", "Save"])
    sheet = page.locator("[data-editor-form]").bounding_box()
    assert sheet["width"] <= 360
    report_form(page).get_by_label("Title").fill("Blocked sidewalk")
    screenshot(page, tmp_path, "phone-form")
    page.get_by_role("button", name="Save", exact=True).tap()
    wait_saved(page)
    screenshot(page, tmp_path, "phone-saved")
    feature = Feature.objects.get(title="Blocked sidewalk")
    assert feature.geometry.geom_type == "Point"
    assert_close(feature.geometry.coords, spot)


def test_a_script_in_a_title_is_shown_as_text_and_the_report_awaits_review(browser, live_server, users, junggu):
    map_ = make_map(users, junggu, moderation="pre-moderated")
    context = signed_in_context(browser, live_server, users["resident"])
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_editor(page, live_server, map_)
    draw_point(page)
    report_form(page).get_by_label("Title").fill(SCRIPT_TITLE)
    status = save_and_wait(page)
    assert SCRIPT_TITLE in status.inner_text()
    assert "awaits review" in status.inner_text()
    assert status.locator("img").count() == 0
    feature = Feature.objects.get(title=SCRIPT_TITLE)
    assert feature.status == "pending"
    link = status.get_by_role("link", name="Open the report page")
    assert link.get_attribute("href") == f"/features/{feature.pk}/"
    assert dialogs == []
    context.close()


def test_anonymous_visitors_get_no_editor(page, live_server, plain_map):
    page.goto(f"{live_server.url}/maps/{plain_map.pk}/")
    page.wait_for_selector("#map[data-loaded-at]", timeout=60_000)
    assert page.locator("[data-editor]").is_hidden()
    assert page.get_by_role("button", name="Add a point").count() == 0
