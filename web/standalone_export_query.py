"""What a requester's standalone map export holds, read from PostGIS: the layers, the features they may see
(newest first, up to a cap) and the simplified outlines of the districts around them.

A downloaded file can be mailed or embedded anywhere, out of reach of the
app's roles, so it places every feature as the public sees it: features in
sensitive categories at their blurred point (``layers.privacy``), whoever
downloads it. Reviewers see exact places in the app itself.
"""

import json
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.gis.db.models.functions import AsGeoJSON, GeomOutputGeoFunc
from django.contrib.gis.geos import Polygon
from django.db.models import Q

from layers.models import Feature, FeatureStatus
from layers.permissions import feature_visibility_q
from layers.privacy import visible_extent, visible_location
from mapping.models import District

from .standalone_export import ExportCategory, ExportFeature, ExportLayer

DEFAULT_MAX_FEATURES = 20000
CHUNK_SIZE = 2000
PRECISION = 6  # decimals of a degree: about 10 cm
DISTRICT_TOLERANCE = 0.0002  # degrees: about 20 m, plenty for a base map drawn under the features
FEATURE_COLUMNS = ("pk", "layer_id", "category__key", "geometry_json", "title", "summary", "status", "vote_count")
FILE_READER = AnonymousUser()  # whoever opens the file: places are shown as to the public


class SimplifyPreserveTopology(GeomOutputGeoFunc):
    """PostGIS's simplification that keeps polygons valid (Django has no wrapper for it)."""

    function = "ST_SimplifyPreserveTopology"


@dataclass(frozen=True)
class ExportContents:
    layers: list
    features: list
    basemap: dict
    total: int


def max_features():
    return getattr(settings, "STANDALONE_EXPORT_MAX_FEATURES", DEFAULT_MAX_FEATURES)


def in_language(korean, english, language):
    return korean if language.startswith("ko") or not english else english


def export_layers(map_, language):
    layers = map_.layers.prefetch_related("categories").order_by("order", "pk")
    return [
        ExportLayer(
            id=layer.pk,
            name=layer.name,
            categories=[
                ExportCategory(
                    key=category.key,
                    label=in_language(category.label_ko, category.label_en, language),
                    color=category.color,
                )
                for category in layer.categories.all()
            ],
        )
        for layer in layers
    ]


def export_features(capped):
    """The capped features with PostGIS writing their GeoJSON, read in chunks."""
    located = capped.annotate(geometry_json=AsGeoJSON(visible_location(FILE_READER), precision=PRECISION))
    rows = located.values_list(*FEATURE_COLUMNS)
    statuses = dict(FeatureStatus.choices)
    return [
        ExportFeature(
            id=pk,
            layer_id=layer_id,
            category=category,
            geometry=json.loads(geometry),
            title=title,
            summary=summary,
            status=str(statuses.get(status, status)),
            votes=votes,
        )
        for pk, layer_id, category, geometry, title, summary, status, votes in rows.iterator(chunk_size=CHUNK_SIZE)
    ]


def basemap(map_, capped, language):
    """The districts the exported features touch, and the map's own district; all of them when neither exists."""
    extent = visible_extent(Feature.objects.filter(pk__in=capped.values("pk")), FILE_READER)
    districts = District.objects.all()
    around = Q(pk=map_.district_id) if map_.district_id else Q(pk__in=[])
    if extent:
        around |= Q(boundary__intersects=Polygon.from_bbox(extent))
    if extent or map_.district_id:
        districts = districts.filter(around)
    outlines = districts.annotate(
        outline=AsGeoJSON(SimplifyPreserveTopology("boundary", DISTRICT_TOLERANCE), precision=PRECISION)
    ).values_list("name_ko", "name_en", "outline")
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "geometry": json.loads(outline), "properties": {"name": in_language(ko, en, language)}}
            for ko, en, outline in outlines
        ],
    }


def export_contents(map_, user, language):
    visible = Feature.objects.filter(layer__map=map_).filter(feature_visibility_q(user))
    cap = max_features()
    capped = visible.order_by("-created", "-pk")[:cap]
    features = export_features(capped)
    return ExportContents(
        layers=export_layers(map_, language),
        features=features,
        basemap=basemap(map_, capped, language),
        total=visible.count() if len(features) == cap else len(features),
    )
