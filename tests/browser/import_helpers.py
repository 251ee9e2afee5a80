"""What the import pages' browser tests share: a map with a layer owned by a signed-in user, a small file, and
the steps from the upload to the preview."""

from layers.services.layers import create_layer
from mapping.models import Map

LIGHTS = (
    "시설명,경도,위도,분류\n명동 가로등,126.9853,37.5637,어두운 골목\n"
    "을지로 가로등,126.9910,37.5660,시설물 파손\n좌표 없음,,,기타\n"
)


def make_lights_layer(users, junggu):
    """A safety map of 중구 owned by ``users["owner"]``, with one open layer."""
    map_ = Map.objects.create(title="중구 가로등 지도", kind="safety", district=junggu, owner=users["owner"])
    return create_layer(map_, {"name": "가로등"})


def lights_file(tmp_path):
    path = tmp_path / "lights.csv"
    path.write_bytes(LIGHTS.encode("cp949"))
    return path


def open_preview(page, live_server, layer, tmp_path):
    """Upload the lights file and wait for the preview's map to show the features."""
    page.goto(f"{live_server.url}/layers/{layer.pk}/import/")
    page.set_input_files("input[type=file]", str(lights_file(tmp_path)))
    page.locator("form.import-upload button[type=submit]").click()
    page.wait_for_selector("[data-import-map][data-loaded]", timeout=60_000)
