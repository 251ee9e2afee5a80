"""Steps of the import pages' browser tests: a small CP949 file, and the upload up to the preview."""

LIGHTS = (
    "시설명,경도,위도,분류\n명동 가로등,126.9853,37.5637,어두운 골목\n"
    "을지로 가로등,126.9910,37.5660,시설물 파손\n좌표 없음,,,기타\n"
)


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
