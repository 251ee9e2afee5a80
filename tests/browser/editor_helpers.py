"""Steps the editor's browser tests share: a signed-in browser, the map page with its editor ready,
clicks and taps at offsets from the map's centre, and the form filled like a user fills it."""

from io import BytesIO

from django.conf import settings
from django.test import Client
from PIL import Image

SAVED_TIMEOUT = 30_000


def signed_in_context(browser, live_server, user, **options):
    """A browser context (English unless ``locale`` is given) carrying the session of ``user``."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    options.setdefault("viewport", {"width": 1280, "height": 800})
    options.setdefault("locale", "en-US")
    context = browser.new_context(**options)
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}])
    return context


def open_editor(page, live_server, map_):
    page.goto(f"{live_server.url}/maps/{map_.pk}/")
    page.wait_for_selector("[data-editor][data-ready]", timeout=60_000)


def report_form(page):
    return page.locator("[data-editor-form]")


def map_point(page, dx=0, dy=0):
    """The page coordinates of the point ``dx``, ``dy`` pixels from the map's centre."""
    box = page.locator("#map canvas").bounding_box()
    return box["x"] + box["width"] / 2 + dx, box["y"] + box["height"] / 2 + dy


def lnglat_at(page, dx=0, dy=0):
    """The longitude and latitude under the point ``dx``, ``dy`` pixels from the map's centre."""
    return page.evaluate(
        """([dx, dy]) => {
            const map = window.urbanLifeMap;
            const canvas = map.getCanvas();
            const {lng, lat} = map.unproject([canvas.clientWidth / 2 + dx, canvas.clientHeight / 2 + dy]);
            return [lng, lat];
        }""",
        [dx, dy],
    )


def map_centre(page):
    page.wait_for_function("!window.urbanLifeMap.isMoving()")
    return page.evaluate("(() => { const c = window.urbanLifeMap.getCenter(); return [c.lng, c.lat]; })()")


def click_map(page, dx, dy):
    page.mouse.click(*map_point(page, dx, dy))


def draw_polygon(page, corners):
    """Draws an area with the mouse: a click at each corner, then one more on the last to finish."""
    page.get_by_role("button", name="Add an area").click()
    for dx, dy in corners:
        click_map(page, dx, dy)
    click_map(page, *corners[-1])
    page.locator("#editor-title").wait_for()


def draw_point(page, dx=0, dy=0):
    page.get_by_role("button", name="Add a point").click()
    click_map(page, dx, dy)
    page.locator("#editor-title").wait_for()


def drawn_shapes(page, kind):
    """The shapes terra-draw shows, from its GeoJSON source for ``kind`` ("polygon", "point")."""
    return page.evaluate(
        "async (kind) => (await window.urbanLifeMap.getSource(`td-${kind}`).getData()).features.map((f) => f.geometry)",
        kind,
    )


def wait_for_shapes(page, kind, count, attempts=100):
    """The shapes once terra-draw shows ``count`` of them (it redraws on the next animation frame)."""
    for _ in range(attempts):
        shapes = drawn_shapes(page, kind)
        if len(shapes) == count:
            return shapes
        page.wait_for_timeout(100)
    raise AssertionError(f"terra-draw shows {len(shapes)} {kind} shapes, not {count}")


def wait_for_ring(page, corners, attempts=100):
    """Waits until terra-draw shows one area, with exactly the vertices ``corners``."""
    for _ in range(attempts):
        shapes = drawn_shapes(page, "polygon")
        if len(shapes) == 1 and same_ring(shapes[0]["coordinates"][0], corners):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"terra-draw shows {shapes}, not one area with the corners {corners}")


def save_and_wait(page):
    page.get_by_role("button", name="Save", exact=True).click()
    return wait_saved(page)


def wait_saved(page):
    status = page.locator("[data-editor-status]")
    status.get_by_text("Saved").wait_for(timeout=SAVED_TIMEOUT)
    return status


def draft_of(page, map_):
    return page.evaluate("(key) => JSON.parse(localStorage.getItem(key))", f"urbanlife:draft:map:{map_.pk}")


def small_jpeg(path, size=(64, 48)):
    buffer = BytesIO()
    Image.new("RGB", size, (200, 80, 40)).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return path


def close(actual, expected, tolerance=1e-6):
    return all(abs(a - b) <= tolerance for a, b in zip(actual, expected, strict=True))


def assert_close(actual, expected, tolerance=1e-6):
    assert close(actual, expected, tolerance), (actual, expected)


def same_ring(ring, corners):
    """Whether ``ring`` (closed, in either direction, from any vertex) has exactly the vertices ``corners``."""
    return (
        len(ring) == len(corners) + 1
        and close(ring[0], ring[-1])
        and all(any(close(vertex, corner) for vertex in ring[:-1]) for corner in corners)
    )


def assert_ring(ring, corners):
    assert same_ring(ring, corners), (ring, corners)
