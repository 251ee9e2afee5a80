"""Create, update, delete and revert features; each write bumps the version and is recorded.

All writes lock the feature row (SELECT … FOR UPDATE) and compare the version
the client saw with the current one, so two concurrent edits can never
silently overwrite each other. The layer's revision is bumped by a database
trigger (see layers/migrations/0003_layer_revision_triggers.py).
"""

from django.conf import settings
from django.contrib.gis.geos import GEOSGeometry
from django.db import transaction
from django.utils import timezone

from mapping.errors import Conflict, InvalidInput, StaleVersion
from mapping.models import District

from ..geometry import GeometryError, clean_geometry
from ..models import Feature, FeatureChange, FeatureStatus
from ..models.history import ChangeAction
from .duplicates import flag_possible_duplicate
from .snapshots import geometry_from_snapshot, snapshot

EDITABLE_FIELDS = ("category", "title", "summary", "properties")


def validated_geometry(layer, geojson):
    """A GEOS geometry in EPSG:4326 from user GeoJSON, checked against the layer's rules."""
    extent = None if layer.map.allow_outside_korea else settings.KOREA_EXTENT
    try:
        clean = clean_geometry(
            geojson,
            allowed_kinds=layer.geometry_kinds,
            max_vertices=settings.FEATURE_MAX_VERTICES,
            extent=extent,
        )
    except GeometryError as exc:
        raise InvalidInput(str(exc)) from exc
    return GEOSGeometry(memoryview(clean.geometry.wkb), srid=4326)


def district_for(geometry, fallback=None):
    """The district holding a point on the geometry's surface, else ``fallback``."""
    point = geometry.point_on_surface
    return District.objects.filter(boundary__intersects=point).first() or fallback


def category_for(layer, key):
    category = layer.categories.filter(key=key).first()
    if category is None:
        keys = ", ".join(layer.categories.values_list("key", flat=True))
        raise InvalidInput(f"Unknown category '{key}' for this layer; use one of: {keys}.")
    return category


def record_change(feature, action, user, old, new):
    FeatureChange.objects.create(
        feature_id=feature.pk,
        layer_id=feature.layer_id,
        action=action,
        user=user if user and user.is_authenticated else None,
        version=feature.version,
        old=old,
        new=new,
    )


def _apply(feature, changes):
    layer = feature.layer
    if "geometry" in changes:
        feature.geometry = validated_geometry(layer, changes["geometry"])
        feature.district = district_for(feature.geometry, fallback=layer.map.district)
    if "category" in changes:
        feature.category = category_for(layer, changes["category"])
    for name in ("title", "summary", "properties", "status"):
        if name in changes:
            setattr(feature, name, changes[name])
    if feature.status == FeatureStatus.PUBLISHED and feature.published_at is None:
        feature.published_at = timezone.now()


@transaction.atomic
def create_feature(user, layer, data):
    """Create a feature from ``data`` (geometry, category, title, summary, properties)."""
    status = FeatureStatus.PENDING if layer.is_pre_moderated else FeatureStatus.PUBLISHED
    feature = Feature(layer=layer, author=user, status=status)
    _apply(feature, {key: value for key, value in data.items() if key != "status"})
    feature.full_clean(exclude=["geometry", "category", "layer", "author", "district"])
    feature.published_at = timezone.now() if status == FeatureStatus.PUBLISHED else None
    feature.save()
    record_change(feature, ChangeAction.CREATE, user, None, snapshot(feature))
    flag_possible_duplicate(feature)
    return feature


def locked_feature(feature_id, expected_version):
    feature = Feature.objects.select_for_update().select_related("layer__map", "category").get(pk=feature_id)
    if feature.version != expected_version:
        raise StaleVersion(
            f"The feature was changed by someone else (now version {feature.version}, you had "
            f"version {expected_version}). Reload it, then apply your change again."
        )
    return feature


@transaction.atomic
def update_feature(user, feature_id, changes, *, expected_version):
    """Apply ``changes`` (any of geometry, category, title, summary, properties, status)."""
    feature = locked_feature(feature_id, expected_version)
    old = snapshot(feature)
    _apply(feature, changes)
    feature.full_clean(exclude=["geometry", "category", "layer", "author", "district"])
    feature.version += 1
    feature.save()
    record_change(feature, ChangeAction.UPDATE, user, old, snapshot(feature))
    return feature


@transaction.atomic
def delete_feature(user, feature_id, *, expected_version):
    feature = locked_feature(feature_id, expected_version)
    old = snapshot(feature)
    feature.version += 1
    record_change(feature, ChangeAction.DELETE, user, old, None)
    feature.delete()


@transaction.atomic
def revert_change(user, change, *, expected_version):
    """Restore the state the feature had before ``change``; returns the feature, or None if it is gone.

    Reverting a creation deletes the feature; reverting a deletion brings it back
    with the same id.
    """
    exists = Feature.objects.filter(pk=change.feature_id).exists()
    feature = locked_feature(change.feature_id, expected_version) if exists else None
    target = change.old
    if target is None:
        if feature is not None:
            old = snapshot(feature)
            feature.version += 1
            record_change(feature, ChangeAction.REVERT, user, old, None)
            feature.delete()
        return None
    old = snapshot(feature) if feature is not None else None
    feature = feature or Feature(pk=change.feature_id, layer_id=change.layer_id, version=change.version)
    _restore(feature, target)
    feature.version += 1
    feature.save()
    if target.get("created"):
        Feature.objects.filter(pk=feature.pk).update(created=target["created"])
        feature.refresh_from_db(fields=["created"])
    record_change(feature, ChangeAction.REVERT, user, old, snapshot(feature))
    return feature


def _restore(feature, state):
    layer = feature.layer
    category = layer.categories.filter(key=state["category"]).first()
    if category is None:
        raise Conflict(f"The category '{state['category']}' no longer exists in layer '{layer.name}'.")
    feature.geometry = geometry_from_snapshot(state)
    feature.category = category
    feature.title = state["title"]
    feature.summary = state["summary"]
    feature.properties = state["properties"]
    feature.status = state["status"]
    feature.author_id = state["author_id"]
    feature.district_id = state["district_id"]


def save_step(user, feature, note):
    """Save a locked ``feature`` after a review step changed it (stage, department, status …):
    the version moves, so the ETag describes what a reader gets, and the history records the step."""
    old = snapshot(Feature.objects.select_related("category").get(pk=feature.pk))
    feature.version += 1
    feature.save()
    record_change(feature, ChangeAction.UPDATE, user, old, {**snapshot(feature), "note": note})
    return feature


@transaction.atomic
def touch_feature(user, feature, note):
    """Bump the version for a change outside the feature's own fields (e.g. a photo added)."""
    locked = Feature.objects.select_for_update().select_related("category").get(pk=feature.pk)
    old = snapshot(locked)
    locked.version += 1
    locked.save(update_fields=["version", "updated"])
    record_change(locked, ChangeAction.UPDATE, user, old, {**snapshot(locked), "note": note})
    return locked


@transaction.atomic
def save_from_admin(user, feature, change, expected_version=None):
    """Admin saves go through the same versioning and history as the API."""
    if feature.district_id is None:
        feature.district = district_for(feature.geometry, fallback=feature.layer.map.district)
    if not change:
        feature.author = feature.author or user
        feature.save()
        record_change(feature, ChangeAction.CREATE, user, None, snapshot(feature))
        return
    previous = locked_feature(feature.pk, expected_version or feature.version)
    old = snapshot(previous)
    feature.vote_count = previous.vote_count  # votes cast since the admin form was read are kept
    feature.version = previous.version + 1
    feature.save()
    record_change(feature, ChangeAction.UPDATE, user, old, snapshot(feature))


@transaction.atomic
def delete_from_admin(user, feature):
    record_change(feature, ChangeAction.DELETE, user, snapshot(feature), None)
    feature.delete()
