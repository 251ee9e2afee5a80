"""The import pages in an axe-core WCAG 2.1 AA audit, in Korean and English: upload, preview (with its map and
mapping form), a failed reading, and the progress and outcome of a job."""

import pytest

from imports.jobs import execute_job
from imports.models import ImportJob

from ..editor_helpers import signed_in_context
from ..test_accessibility import assert_accessible
from .helpers import open_preview

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(params=["ko-KR", "en-US"])
def locale(request):
    return request.param


def test_the_import_pages_meet_wcag_aa(browser, live_server, users, lights_layer, tmp_path, locale):
    context = signed_in_context(browser, live_server, users["owner"], locale=locale)
    page = context.new_page()
    page.goto(f"{live_server.url}/layers/{lights_layer.pk}/import/")
    assert_accessible(page, f"upload page ({locale})")
    open_preview(page, live_server, lights_layer, tmp_path)
    assert_accessible(page, f"preview page ({locale})")
    page.locator("button[value=confirm]").click()
    page.locator("[data-import-progress]").wait_for()
    assert_accessible(page, f"progress page ({locale})")
    execute_job(ImportJob.objects.get().pk)
    page.locator("[data-import-state=succeeded]").wait_for(timeout=30_000)
    assert_accessible(page, f"outcome page ({locale})")
    context.close()


def test_a_file_that_cannot_be_read_meets_wcag_aa(browser, live_server, users, lights_layer, tmp_path):
    path = tmp_path / "metres.csv"
    path.write_text("이름,X좌표,Y좌표\n시청,198000,551000\n", encoding="utf-8")
    context = signed_in_context(browser, live_server, users["owner"], locale="ko-KR")
    page = context.new_page()
    page.goto(f"{live_server.url}/layers/{lights_layer.pk}/import/")
    page.set_input_files("input[type=file]", str(path))
    page.locator("form.import-upload button[type=submit]").click()
    page.locator("[data-import-failure]").wait_for()
    assert_accessible(page, "preview of an unreadable file")
    context.close()
