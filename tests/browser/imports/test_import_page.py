"""The import in a real browser: upload a CP949 CSV, read the preview (detection, counts, map), map categories,
confirm, follow the progress until the worker has imported it."""

import pytest

from imports.jobs import execute_job
from imports.models import ImportJob, JobState
from layers.models import Feature

from ..editor_helpers import signed_in_context
from .helpers import open_preview

pytestmark = pytest.mark.django_db(transaction=True)


def test_upload_preview_confirm_and_progress(browser, live_server, users, lights_layer, tmp_path):
    context = signed_in_context(browser, live_server, users["owner"])
    page = context.new_page()
    open_preview(page, live_server, lights_layer, tmp_path)
    assert page.locator("[data-import-encoding]").inner_text() == "cp949"
    assert page.locator("[data-import-crs]").inner_text().startswith("EPSG:4326")
    assert "2 of 3 rows become features; 1 will be skipped." in page.locator("[data-import-counts]").inner_text()
    assert "no coordinates (line 4)" in page.locator("[data-import-skipped]").inner_text()
    assert page.locator("[data-import-map]").get_attribute("data-loaded") == "2"
    drawn = page.evaluate(
        "async () => (await window.urbanLifeImportMap.getSource('import-preview').getData()).features.map("
        "(f) => f.properties.title)"
    )
    assert drawn == ["명동 가로등", "을지로 가로등"]
    page.get_by_label("Title").select_option("시설명")
    page.get_by_label("Category column").select_option("분류")
    page.get_by_role("button", name="Update the preview").click()
    page.get_by_label("어두운 골목").select_option("dark-alley")
    page.get_by_label("시설물 파손").select_option("broken-facility")
    page.get_by_role("button", name="Import 2 features").click()
    progress = page.locator("[data-import-progress]")
    progress.wait_for()
    assert page.locator("progress").count() == 1
    assert "Waiting for the worker" in page.locator("[data-import-progress-text]").inner_text()
    job = ImportJob.objects.get()
    assert job.state == JobState.QUEUED
    execute_job(job.pk)  # what the worker (manage.py db_worker) does; the page notices on its own
    page.locator("[data-import-state=succeeded]").wait_for(timeout=30_000)
    assert "2 features were imported." in page.locator("[data-import-state=succeeded]").inner_text()
    assert "line 4: no coordinates" in page.locator(".import-errors").inner_text()
    categories = dict(Feature.objects.filter(layer=lights_layer).values_list("title", "category__key"))
    assert categories == {"명동 가로등": "dark-alley", "을지로 가로등": "broken-facility"}
    context.close()
