"""``POST /api/v1/features/{id}/photos``: attach a photo, stored without EXIF and resized."""

from django.conf import settings
from django.http import HttpResponse
from ninja import File, Form, Router, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from ..photo_processing import PhotoError, process_photo
from ..services.photos import add_photo
from .features import editable_feature
from .schemas import PhotoOut
from .serializers import serialize_photo

router = Router(tags=["photos"])


@router.post("/features/{int:feature_id}/photos", response={201: PhotoOut}, summary="Attach a photo")
def upload_photo(request, feature_id: int, response: HttpResponse, file: File[UploadedFile], caption: Form[str] = ""):
    user, feature = editable_feature(request, feature_id)
    if len(caption) > 200:
        raise HttpError(400, "A caption is at most 200 characters.")
    if file.size > settings.PHOTO_MAX_BYTES:
        raise HttpError(413, f"The photo is larger than {settings.PHOTO_MAX_BYTES // (1024 * 1024)} MB.")
    try:
        processed = process_photo(
            file,
            max_bytes=settings.PHOTO_MAX_BYTES,
            max_pixels=settings.PHOTO_MAX_PIXELS,
            display_size=settings.PHOTO_DISPLAY_SIZE,
            thumbnail_size=settings.PHOTO_THUMBNAIL_SIZE,
        )
    except PhotoError as exc:
        raise HttpError(400, str(exc)) from exc
    photo, feature = add_photo(user, feature, processed, caption)
    response["ETag"] = feature.etag
    return Status(201, serialize_photo(photo))
