"""Store a processed photo on a feature; the feature's version moves because it changed."""

import uuid

from django.core.files.base import ContentFile
from django.db import transaction

from ..models import Photo
from .features import touch_feature


@transaction.atomic
def add_photo(user, feature, processed, caption=""):
    name = uuid.uuid4().hex
    photo = Photo(feature=feature, width=processed.width, height=processed.height, caption=caption, uploaded_by=user)
    photo.image.save(f"{name}{processed.extension}", ContentFile(processed.display), save=False)
    photo.thumbnail.save(f"{name}{processed.extension}", ContentFile(processed.thumbnail), save=False)
    photo.save()
    feature = touch_feature(user, feature, note=f"photo {photo.pk} added")
    return photo, feature
