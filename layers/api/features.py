"""``/api/v1/layers/{id}/features`` and ``/api/v1/features/{id}``: GeoJSON features with versions.

Reading a feature returns its ``ETag``; ``PUT``, ``PATCH`` and ``DELETE`` need
``If-Match`` (428 without it, 412 when stale), so no edit silently replaces
another.

Places follow ``layers.privacy``: a caller who is not privileged sees a
sensitive feature at its blurred point, is matched by ``bbox`` at that point,
and cannot move it (sending back the point they were shown keeps the exact
place; any other place is refused).
"""

import json
import math
from urllib.parse import urlencode

from django.contrib.gis.geos import Polygon
from django.http import HttpResponse, HttpResponsePermanentRedirect
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError

from mapping.api.security import caller, require_user
from mapping.api.versioning import if_match_version, version_parser, with_etag
from mapping.errors import InvalidInput

from ..extra_fields import ExtraFieldError, clean_extra_fields
from ..models import Feature, FeatureStatus
from ..permissions import can_edit_feature, can_moderate, can_view_feature, feature_visibility_q
from ..privacy import visible_location, with_visible_location
from ..services import features as feature_service
from .layers import visible_layer
from .schemas import FeatureIn, FeaturePatch, StatusName
from .serializers import feature_collection, serialize_feature

router = Router(tags=["features"])

MAX_PAGE = 1000
SAME_PLACE_DEGREES = 1e-6  # about 10 cm: a client rounding the point it was shown still sends "the same place"


class FeatureFilters(Schema):
    bbox: str | None = None
    category: list[str] = []
    status: list[StatusName] = []
    limit: int = 100
    offset: int = 0


def parse_bbox(text):
    try:
        min_x, min_y, max_x, max_y = (float(part) for part in text.split(","))
    except ValueError as exc:
        raise HttpError(400, "bbox must be four numbers: min lon, min lat, max lon, max lat.") from exc
    if not (-180 <= min_x < max_x <= 180 and -90 <= min_y < max_y <= 90):
        raise HttpError(400, "bbox must be min lon, min lat, max lon, max lat within the world.")
    return Polygon.from_bbox((min_x, min_y, max_x, max_y))


def _features():
    return Feature.objects.select_related(
        "category", "author", "district", "department", "layer__map"
    ).prefetch_related("photos")


def viewable_feature(request, feature_id):
    """The feature, located for the caller (``layers.privacy``); 404 when it does not exist or they may not see it."""
    user = caller(request)
    feature = with_visible_location(_features(), user).filter(pk=feature_id).first()
    if feature is None or not can_view_feature(user, feature):
        raise HttpError(404, "Not found.")
    return feature


def editable_feature(request, feature_id):
    user = require_user(request)
    feature = viewable_feature(request, feature_id)
    if not can_edit_feature(user, feature):
        raise HttpError(403, "Only the author, the map's editors and the district's reviewers can change this.")
    return user, feature


def _is_shown_place(sent, shown):
    """Whether the GeoJSON ``sent`` is the point ``shown`` (GeoJSON), give or take a client's rounding."""
    coordinates = sent.get("coordinates") if isinstance(sent, dict) and sent.get("type") == "Point" else None
    if not (isinstance(coordinates, list) and len(coordinates) == 2):
        return False
    if not all(isinstance(c, int | float) and not isinstance(c, bool) for c in coordinates):
        return False
    return math.dist(coordinates, shown["coordinates"]) <= SAME_PLACE_DEGREES


def _keep_hidden_place(feature, changes):
    """A caller shown the blurred point does not know the exact place, so cannot move it (403)."""
    if not feature.location_blurred or "geometry" not in changes:
        return changes
    if not _is_shown_place(changes["geometry"], json.loads(feature.visible_geojson)):
        raise HttpError(403, "Only the author and the district's reviewers can move a report in a sensitive category.")
    return {key: value for key, value in changes.items() if key != "geometry"}


def _feature_changes(layer, payload_properties, geometry):
    changes = {key: value for key, value in payload_properties.items() if key not in ("fields", "status")}
    if "fields" in payload_properties and payload_properties["fields"] is not None:
        try:
            changes["properties"] = clean_extra_fields(layer.fields, payload_properties["fields"])
        except ExtraFieldError as exc:
            raise InvalidInput(str(exc)) from exc
    if geometry is not None:
        changes["geometry"] = geometry
    return changes


def _page_links(request, filters, matched):
    links = []
    base = request.build_absolute_uri(request.path)
    params = {k: v for k, v in request.GET.lists() if k not in ("offset", "limit")}

    def link(rel, offset):
        query = urlencode({**params, "limit": filters.limit, "offset": offset}, doseq=True)
        return {"rel": rel, "type": "application/geo+json", "href": f"{base}?{query}"}

    if filters.offset + filters.limit < matched:
        links.append(link("next", filters.offset + filters.limit))
    if filters.offset > 0:
        links.append(link("prev", max(0, filters.offset - filters.limit)))
    return links


@router.get("/layers/{int:layer_id}/features", summary="Features of a layer (GeoJSON FeatureCollection)")
def list_features(request, layer_id: int, filters: Query[FeatureFilters]):
    user = caller(request)
    layer = visible_layer(request, layer_id)
    if not 1 <= filters.limit <= MAX_PAGE or filters.offset < 0:
        raise HttpError(400, f"limit must be 1–{MAX_PAGE} and offset at least 0.")
    features = _features().filter(layer=layer).filter(feature_visibility_q(user))
    if filters.bbox:
        features = features.alias(place=visible_location(user)).filter(place__intersects=parse_bbox(filters.bbox))
    if filters.category:
        features = features.filter(category__key__in=filters.category)
    if filters.status:
        features = features.filter(status__in=filters.status)
    matched = features.count()
    page = features[filters.offset : filters.offset + filters.limit]
    return feature_collection(page, user, matched=matched, links=_page_links(request, filters, matched))


@router.post("/layers/{int:layer_id}/features", response={201: dict}, summary="Add a feature (GeoJSON Feature)")
def create_feature(request, layer_id: int, payload: FeatureIn, response: HttpResponse):
    user = require_user(request)
    layer = visible_layer(request, layer_id)
    if not layer.map.accepts_features_from(user):
        raise HttpError(403, "Only the map's owner and editors can add features to this map.")
    changes = _feature_changes(layer, payload.properties.dict(), payload.geometry)
    feature = feature_service.create_feature(user, layer, changes)
    with_etag(response, feature.etag)
    response["Location"] = request.build_absolute_uri(f"/api/v1/features/{feature.pk}")
    return Status(201, serialize_feature(viewable_feature(request, feature.pk), user))


@router.get("/features/{int:feature_id}", summary="Read a feature (with its ETag)")
def read_feature(request, feature_id: int, response: HttpResponse):
    feature = viewable_feature(request, feature_id)
    survivor = feature.merged_into if feature.status == FeatureStatus.MERGED else None  # one query, only then
    if survivor and can_view_feature(caller(request), survivor):
        return HttpResponsePermanentRedirect(request.build_absolute_uri(f"/api/v1/features/{survivor.pk}"))
    with_etag(response, feature.etag)
    return serialize_feature(feature, caller(request))


def _save(request, user, feature, changes, response):
    expected = if_match_version(request, version_parser("f", feature.pk))
    if "status" in changes and not can_moderate(user, feature.district_id):
        raise HttpError(403, "Only the district's reviewers can change a feature's status.")
    if changes.get("status") in (FeatureStatus.REJECTED, FeatureStatus.HIDDEN):
        raise HttpError(400, "Reject or hide with POST /features/{id}/moderation, a rule and a public reason.")
    changes = _keep_hidden_place(feature, changes)
    feature_service.update_feature(user, feature.pk, changes, expected_version=expected)
    feature = viewable_feature(request, feature.pk)
    with_etag(response, feature.etag)
    return serialize_feature(feature, user)


@router.put("/features/{int:feature_id}", summary="Replace a feature (needs If-Match)")
def replace_feature(request, feature_id: int, payload: FeatureIn, response: HttpResponse):
    user, feature = editable_feature(request, feature_id)
    changes = _feature_changes(feature.layer, payload.properties.dict(), payload.geometry)
    changes.setdefault("properties", {})
    return _save(request, user, feature, changes, response)


@router.patch("/features/{int:feature_id}", summary="Change part of a feature (needs If-Match)")
def patch_feature(request, feature_id: int, payload: FeaturePatch, response: HttpResponse):
    user, feature = editable_feature(request, feature_id)
    properties = payload.properties.dict(exclude_unset=True)
    nulls = [name for name, value in properties.items() if value is None]
    if nulls:
        raise HttpError(400, f"These properties cannot be null: {', '.join(nulls)}.")
    changes = _feature_changes(feature.layer, properties, payload.geometry)
    if "status" in properties:
        changes["status"] = properties["status"]
    return _save(request, user, feature, changes, response)


@router.delete("/features/{int:feature_id}", response={204: None}, summary="Delete a feature (needs If-Match)")
def delete_feature(request, feature_id: int):
    user, feature = editable_feature(request, feature_id)
    expected = if_match_version(request, version_parser("f", feature.pk))
    feature_service.delete_feature(user, feature.pk, expected_version=expected)
    return Status(204, None)
