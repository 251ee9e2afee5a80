"""The import pages: upload, a preview that shows how the file was read, confirm, progress; 413 and permissions."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from imports.models import ImportJob, JobState
from layers.models import Feature

pytestmark = pytest.mark.django_db

STREETLIGHTS = (
    "관리번호,설치장소,경도,위도,분류,등개수\n"
    "L-1,명동길 12,126.9853,37.5637,어두운 골목,2\n"
    "L-2,을지로 3가,126.9910,37.5660,시설물 파손,1\n"
    "L-3,좌표 없음,,,기타,3\n"
)


@pytest.fixture(autouse=True)
def english(client):
    """The pages in English, so the assertions read the texts of the templates (Korean is the default)."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.fixture
def owner_client(client, users):
    client.force_login(users["owner"])
    return client


def upload(client, layer, content, name="lights.csv", **fields):
    file = SimpleUploadedFile(name, content if isinstance(content, bytes) else content.encode("cp949"))
    return client.post(reverse("import-upload", args=[layer.pk]), {"file": file, **fields})


def test_upload_preview_confirm_imports_and_reports(
    owner_client, layer, immediate_tasks, django_capture_on_commit_callbacks
):
    response = upload(owner_client, layer, STREETLIGHTS)
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("import-job", args=[job.pk])
    assert (job.state, job.original_name, job.user.username) == (JobState.PREVIEW, "lights.csv", "owner")
    page = owner_client.get(response["Location"]).content.decode()
    assert "cp949" in page and "EPSG:4326" in page  # how it was read, and why
    assert "2 of 3 rows become features; 1 will be skipped." in page
    assert "no coordinates (line 4)" in page
    assert "명동길 12" in page  # the first features are listed under the map
    post = {
        "action": "confirm",
        "title": "설치장소",
        "summary": "관리번호",
        "category": "분류",
        "previewed_category": "분류",
        "default_category": "other",
        "value_0": "dark-alley",
        "value_1": "broken-facility",
        "value_2": "other",
        "field_lamps": "등개수",
    }
    with django_capture_on_commit_callbacks(execute=True):
        owner_client.post(reverse("import-job", args=[job.pk]), post)
    job.refresh_from_db()
    assert (job.state, job.created_count, job.skipped_count) == (JobState.SUCCEEDED, 2, 1)
    assert job.errors == [{"where": "line 4", "reason": "no coordinates", "detail": ""}]
    assert not job.file  # the upload is gone once the job ended
    features = {f.title: f for f in Feature.objects.filter(layer=layer)}
    assert set(features) == {"명동길 12", "을지로 3가"}
    assert features["명동길 12"].category.key == "dark-alley" and features["명동길 12"].properties == {"lamps": 2}
    outcome = owner_client.get(reverse("import-job", args=[job.pk])).content.decode()
    assert "2 features were imported." in outcome and "line 4: no coordinates" in outcome
    status = owner_client.get(reverse("api-v1:import-job", args=[job.pk])).json()
    assert (status["state"], status["rows_done"], status["rows_total"]) == ("succeeded", 3, 3)


def test_changing_the_category_column_previews_before_importing(
    owner_client, layer, immediate_tasks, django_capture_on_commit_callbacks
):
    upload(owner_client, layer, STREETLIGHTS)
    job = ImportJob.objects.get()
    post = {"action": "confirm", "category": "분류", "previewed_category": "", "default_category": "other"}
    with django_capture_on_commit_callbacks(execute=True):
        owner_client.post(reverse("import-job", args=[job.pk]), post)
    job.refresh_from_db()
    assert job.state == JobState.PREVIEW and job.options["mapping"]["category"] == "분류"
    assert not Feature.objects.exists()


def test_an_unreadable_file_says_why_and_can_be_read_again_with_a_choice(owner_client, layer):
    metres = "이름,X좌표,Y좌표\n시청,198000,551000\n"  # EPSG:5186/5181 … cannot be told apart
    upload(owner_client, layer, metres)
    job = ImportJob.objects.get()
    page = owner_client.get(reverse("import-job", args=[job.pk])).content.decode()
    assert "data-import-failure" in page and "--srid" in page
    owner_client.post(reverse("import-job", args=[job.pk]), {"action": "reread", "read-srid": "5186"})
    job.refresh_from_db()
    assert job.options["srid"] == 5186
    page = owner_client.get(reverse("import-job", args=[job.pk])).content.decode()
    assert "EPSG:5186" in page and "1 of 1 rows become features" in page


def test_a_file_over_the_limit_is_refused_with_413_and_nothing_is_kept(owner_client, layer, settings, upload_root):
    settings.IMPORT_MAX_UPLOAD_BYTES = 100 * 1024
    response = upload(owner_client, layer, b"x" * (300 * 1024), name="big.csv")
    assert response.status_code == 413
    assert "100.0\xa0KB" in response.content.decode() and "Nothing was saved" in response.content.decode()
    assert not ImportJob.objects.exists()
    assert not upload_root.exists() or not any(upload_root.rglob("*.csv"))


def test_only_the_maps_managers_import(client, layer, users):
    client.force_login(users["resident"])
    assert client.get(reverse("import-upload", args=[layer.pk])).status_code == 403
    assert upload(client, layer, STREETLIGHTS).status_code == 403
    client.logout()
    assert client.get(reverse("import-upload", args=[layer.pk])).status_code == 302  # to the login page


def test_someone_elses_job_is_not_found(client, owner_client, layer, users):
    upload(owner_client, layer, STREETLIGHTS)
    job = ImportJob.objects.get()
    client.force_login(users["editor"])
    assert client.get(reverse("import-job", args=[job.pk])).status_code == 404
    assert client.get(reverse("api-v1:import-job", args=[job.pk])).status_code == 404
