"""The public side of the data, read for OGC clients: layers of public maps and their published features,
placed as the public sees them (``layers.privacy``: sensitive places blurred). No author is named, not even
one who lets the app's pages show their name: a feed that machines harvest in bulk is not a page a
resident chose to sign."""

import json

from django.contrib.auth.models import AnonymousUser
from django.contrib.gis.geos import Polygon
from django.db.models import Max, Min

from layers.models import Feature, FeatureStatus, Layer
from layers.privacy import visible_extent, with_visible_location
from mapping.models.maps import Visibility

from .errors import OgcError

PUBLIC = AnonymousUser()
PRECISION = 7


def public_layers():
    layers = Layer.objects.filter(map__visibility=Visibility.PUBLIC).select_related("map")
    return layers.order_by("map_id", "order", "pk")


def public_layer(collection_id):
    layer = public_layers().filter(pk=int(collection_id)).first() if collection_id.isdigit() else None
    if layer is None:
        raise OgcError(404, "NotFound", f"No collection {collection_id!r}.")
    return layer


def published(layer):
    return Feature.objects.filter(layer=layer, status=FeatureStatus.PUBLISHED)


def extent(layer):
    """(bbox in CRS84 or None, [first, last] report time or None) of the layer's public features."""
    features = published(layer)
    box = visible_extent(features, PUBLIC)
    times = features.aggregate(first=Min("created"), last=Max("created"))
    return box, [times["first"], times["last"]] if times["first"] else None


def items(layer, query):
    """(features of one page, number matched) for an ``ItemsQuery``."""
    features = with_visible_location(published(layer), PUBLIC, precision=PRECISION)
    if query.bbox:
        features = features.filter(visible_geometry__intersects=_box(query.bbox))
    if query.since:
        features = features.filter(created__gte=query.since)
    if query.until:
        features = features.filter(created__lte=query.until)
    matched = features.count()
    page = features.select_related("category", "district").order_by("pk")
    return list(page[query.offset : query.offset + query.limit]), matched


def item(layer, feature_id):
    feature = None
    if feature_id.isdigit():
        features = with_visible_location(published(layer), PUBLIC, precision=PRECISION)
        feature = features.select_related("category", "district").filter(pk=int(feature_id)).first()
    if feature is None:
        raise OgcError(404, "NotFound", f"No feature {feature_id!r} in collection {layer.pk}.")
    return feature


def _box(bbox):
    west, south, east, north = bbox
    if west <= east:
        return Polygon.from_bbox((west, south, east, north))
    return Polygon.from_bbox((west, south, 180.0, north)).union(Polygon.from_bbox((-180.0, south, east, north)))


def feature_document(feature, links):
    """One GeoJSON feature for the public."""
    properties = {
        "title": feature.title,
        "summary": feature.summary,
        "category": feature.category.key,
        "category_label": feature.category.label_ko,
        "district": feature.district.name_ko if feature.district else None,
        "votes": feature.vote_count,
        "created": feature.created.isoformat(),
        "updated": feature.updated.isoformat(),
        "location_blurred": feature.location_blurred,
    }
    for key, value in (feature.properties or {}).items():
        properties.setdefault(key, value)
    return {
        "type": "Feature",
        "id": feature.pk,
        "geometry": json.loads(feature.visible_geojson),
        "properties": properties,
        "links": links,
    }
