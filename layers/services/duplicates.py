"""Possible duplicates: a new report of the same category, close to an open one and soon after it.

The distance and the time window are the district's (``DistrictPolicy``). The
flag only points reviewers at the older report; merging is their decision
(layers/services/merging.py).
"""

import math
from datetime import timedelta

from django.contrib.gis.geos import Polygon
from django.db.models.expressions import RawSQL

from ..models import OPEN_STAGES, DistrictPolicy, Feature, FeatureStatus

OPEN_STATUSES = (FeatureStatus.PENDING, FeatureStatus.PUBLISHED)


METRES_PER_DEGREE = 111_320


def search_box(geometry, metres):
    """The geometry's extent grown by ``metres`` (in degrees at its latitude): an index-friendly pre-filter."""
    min_x, min_y, max_x, max_y = geometry.extent
    grow_y = metres / METRES_PER_DEGREE
    grow_x = grow_y / max(math.cos(math.radians(max(abs(min_y), abs(max_y)))), 0.01)
    return Polygon.from_bbox((min_x - grow_x, min_y - grow_y, max_x + grow_x, max_y + grow_y))


def open_reports_near(feature, policy):
    """Open reports of the feature's layer and category within the policy's distance and window, nearest first."""
    since = feature.created - timedelta(days=policy.duplicate_window_days)
    distance = RawSQL(
        "ST_Distance(geometry::geography, ST_GeomFromEWKB(%s)::geography)", (memoryview(feature.geometry.ewkb),)
    )
    return (
        Feature.objects.filter(
            layer_id=feature.layer_id,
            category_id=feature.category_id,
            status__in=OPEN_STATUSES,
            stage__in=OPEN_STAGES,
            created__gte=since,
            created__lte=feature.created,
            geometry__bboverlaps=search_box(feature.geometry, policy.duplicate_distance_m),
        )
        .exclude(pk=feature.pk)
        .annotate(distance_m=distance)
        .filter(distance_m__lte=policy.duplicate_distance_m)
        .order_by("distance_m", "created", "pk")
    )


def flag_possible_duplicate(feature):
    """Point ``feature`` at the nearest open report it may repeat; returns that report or None."""
    original = open_reports_near(feature, DistrictPolicy.for_district(feature.district_id)).first()
    if original is not None:
        Feature.objects.filter(pk=feature.pk).update(possible_duplicate_of=original)
        feature.possible_duplicate_of = original
    return original
