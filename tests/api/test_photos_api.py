"""Photo upload through POST /api/v1/features/{id}/photos: stored clean, versioned, limited, guarded.

A photo taken at home can carry the resident's home position in its EXIF GPS
tags; neither the display copy nor the thumbnail may keep it, and no copy of
the upload may be left in MEDIA_ROOT. The pixel-level pipeline is tested in
tests/layers/test_photo_processing.py; here is what the endpoint does with it.
"""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from layers.models import Feature, FeatureChange, Photo

from ..conftest import make_user
from .conftest import ApiClient, assert_json_error

SECRETS = (b"SecretPhoneMaker", b"SecretModel", b"2024:05:01", b"Exif")


def jpeg_with_gps(size=(800, 600)):
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "SecretPhoneMaker"
    exif[ExifTags.Base.Model] = "SecretModel 15"
    exif[ExifTags.Base.DateTime] = "2024:05:01 07:30:00"
    exif[ExifTags.Base.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (37.0, 33.0, 58.8),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (126.0, 58.0, 41.4),
    }
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 60, 40)).save(buffer, "JPEG", exif=exif, quality=90)
    data = buffer.getvalue()
    # The upload really carries what must be removed.
    uploaded = Image.open(io.BytesIO(data))
    assert uploaded.getexif().get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] == "N"
    return data


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def feature(scenario):
    """The resident's published feature on the public map."""
    return scenario["published"]


def upload(client, feature_id, data, name="photo.jpg", content_type="image/jpeg", **fields):
    files = {"file": SimpleUploadedFile(name, data, content_type=content_type), **fields}
    return client.client.post(f"/api/v1/features/{feature_id}/photos", data=files, headers=client.headers)


def assert_clean(path):
    data = path.read_bytes()
    for secret in SECRETS:
        assert secret not in data, (path, secret)
    image = Image.open(path)
    assert not image.getexif()
    assert not image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    assert "exif" not in image.info
    return image


def test_upload_stores_clean_copies_and_moves_the_version(feature, users, api_as, media):
    client = api_as(users["resident"])
    before = Feature.objects.get(pk=feature.pk).version
    response = upload(client, feature.pk, jpeg_with_gps(), caption="골목 입구 가로등")
    assert response.status_code == 201, response.content
    data = response.json()
    photo = Photo.objects.get(pk=data["id"])
    assert photo.feature_id == feature.pk
    assert photo.uploaded_by == users["resident"]
    assert (data["caption"], photo.caption) == ("골목 입구 가로등", "골목 입구 가로등")
    assert (data["width"], data["height"]) == (800, 600)
    assert data["url"] == photo.image.url
    assert data["thumbnail"] == photo.thumbnail.url

    display = assert_clean(Path(photo.image.path))
    thumbnail = assert_clean(Path(photo.thumbnail.path))
    assert display.size == (800, 600)
    assert max(thumbnail.size) <= 400
    assert photo.image.path != photo.thumbnail.path

    # Nothing of the upload is left anywhere in MEDIA_ROOT.
    stored = [path for path in media.rglob("*") if path.is_file()]
    assert len(stored) == 2
    for path in stored:
        assert_clean(path)

    after = Feature.objects.get(pk=feature.pk)
    assert after.version == before + 1
    assert response["ETag"] == after.etag == f'"f{feature.pk}-v{before + 1}"'
    change = FeatureChange.objects.filter(feature_id=feature.pk).first()
    assert change.action == "update" and change.user == users["resident"]


def test_feature_lists_its_photos(feature, users, api_as):
    client = api_as(users["resident"])
    first = upload(client, feature.pk, jpeg_with_gps(), caption="하나").json()
    second = upload(client, feature.pk, jpeg_with_gps((300, 200))).json()
    read = api_as(None).get(f"/features/{feature.pk}")
    assert read.status_code == 200
    photos = read.json()["properties"]["photos"]
    assert [photo["id"] for photo in photos] == [first["id"], second["id"]]
    assert photos[0]["caption"] == "하나"
    assert photos[1]["width"] == 300
    listed = api_as(None).get(f"/layers/{feature.layer_id}/features").json()["features"]
    assert [p["id"] for p in next(f for f in listed if f["id"] == feature.pk)["properties"]["photos"]] == [
        first["id"],
        second["id"],
    ]


def test_the_new_etag_is_needed_after_an_upload(feature, users, api_as):
    client = api_as(users["resident"])
    old_etag = client.get(f"/features/{feature.pk}")["ETag"]
    new_etag = upload(client, feature.pk, jpeg_with_gps())["ETag"]
    assert new_etag != old_etag
    assert (
        client.patch(f"/features/{feature.pk}", {"properties": {"title": "x"}}, **{"If-Match": old_etag}).status_code
        == 412
    )
    assert (
        client.patch(f"/features/{feature.pk}", {"properties": {"title": "x"}}, **{"If-Match": new_etag}).status_code
        == 200
    )


def test_large_photo_is_shrunk_for_display(feature, users, api_as, settings):
    settings.PHOTO_DISPLAY_SIZE = 500
    settings.PHOTO_THUMBNAIL_SIZE = 100
    response = upload(api_as(users["resident"]), feature.pk, jpeg_with_gps((1000, 750)))
    assert response.status_code == 201
    photo = Photo.objects.get(pk=response.json()["id"])
    assert (photo.width, photo.height) == (500, 375)
    assert Image.open(photo.thumbnail.path).size == (100, 75)


def test_text_file_is_400(feature, users, api_as, media):
    response = upload(api_as(users["resident"]), feature.pk, b"hello, not a photo\n" * 10, "note.jpg", "image/jpeg")
    detail = assert_json_error(response, 400)
    assert "JPEG" in detail
    assert not Photo.objects.exists()
    assert Feature.objects.get(pk=feature.pk).version == feature.version
    assert not [path for path in media.rglob("*") if path.is_file()]


def test_empty_file_is_4xx(feature, users, api_as):
    assert_json_error(upload(api_as(users["resident"]), feature.pk, b""), 400, 422)
    assert not Photo.objects.exists()


def test_missing_file_is_4xx(feature, users, api_as):
    client = api_as(users["resident"])
    response = client.client.post(
        f"/api/v1/features/{feature.pk}/photos", data={"caption": "x"}, headers=client.headers
    )
    assert_json_error(response, 400, 422)


def test_file_over_the_limit_is_refused(feature, users, api_as, settings, media):
    data = jpeg_with_gps()
    settings.PHOTO_MAX_BYTES = len(data) - 1
    response = upload(api_as(users["resident"]), feature.pk, data)
    detail = assert_json_error(response, 413, 400)
    assert "MB" in detail or "large" in detail
    assert not Photo.objects.exists()
    assert not [path for path in media.rglob("*") if path.is_file()]
    settings.PHOTO_MAX_BYTES = len(data)
    assert upload(api_as(users["resident"]), feature.pk, data).status_code == 201


def test_too_many_pixels_is_400(feature, users, api_as, settings):
    settings.PHOTO_MAX_PIXELS = 100 * 100
    assert "pixels" in assert_json_error(upload(api_as(users["resident"]), feature.pk, jpeg_with_gps((200, 200))), 400)


def test_long_caption_is_400(feature, users, api_as):
    detail = assert_json_error(upload(api_as(users["resident"]), feature.pk, jpeg_with_gps(), caption="가" * 201), 400)
    assert "200" in detail
    assert not Photo.objects.exists()


def test_anonymous_upload_is_401(feature, media):
    response = upload(ApiClient(None), feature.pk, jpeg_with_gps())
    assert_json_error(response, 401)
    assert not Photo.objects.exists()
    assert not [path for path in media.rglob("*") if path.is_file()]


def test_resident_who_is_not_the_author_is_403(feature, users, api_as):
    neighbour = make_user("neighbour")
    response = upload(api_as(neighbour), feature.pk, jpeg_with_gps())
    assert_json_error(response, 403)
    assert not Photo.objects.exists()
    assert Feature.objects.get(pk=feature.pk).version == feature.version


def test_unknown_feature_is_404(users, api_as, db):
    assert_json_error(upload(api_as(users["resident"]), 987654321, jpeg_with_gps()), 404)


def test_deleting_the_feature_removes_its_photo_files(feature, users, api_as, django_capture_on_commit_callbacks):
    client = api_as(users["resident"])
    assert upload(client, feature.pk, jpeg_with_gps()).status_code == 201
    photo = Photo.objects.get(feature=feature)
    paths = [Path(photo.image.path), Path(photo.thumbnail.path)]
    assert all(path.exists() for path in paths)
    etag = client.get(f"/features/{feature.pk}")["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        assert client.delete(f"/features/{feature.pk}", **{"If-Match": etag}).status_code == 204
    assert not any(path.exists() for path in paths)
