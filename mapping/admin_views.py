"""The district boundaries as GeoJSON, the base map of the admin's map widgets.

The admin cannot reach any tile server, so its map widgets (``mapping.admin_widgets``)
draw the districts instead. Boundaries are simplified in PostGIS to about five metres,
finer than a screen pixel at the zooms the widget opens at, which keeps the response
small when the real boundaries carry tens of thousands of vertices.
"""

import json

from django.contrib.gis.db.models.functions import AsGeoJSON, GeomOutputGeoFunc
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .models import District

SIMPLIFY_DEGREES = 0.00005
COORDINATE_DECIMALS = 6


class SimplifiedMultiPolygon(GeomOutputGeoFunc):
    """PostGIS ``ST_SimplifyPreserveTopology``: fewer vertices, rings kept valid, still multi."""

    function = "ST_SimplifyPreserveTopology"
    template = "ST_Multi(%(function)s(%(expressions)s))"
    arity = 2


def _feature(code, name_ko, name_en, geometry):
    return {
        "type": "Feature",
        "id": code,
        "properties": {"code": code, "name_ko": name_ko, "name_en": name_en},
        "geometry": json.loads(geometry),
    }


def _boundary_rows():
    simplified = SimplifiedMultiPolygon("boundary", SIMPLIFY_DEGREES)
    return (
        District.objects.annotate(geojson=AsGeoJSON(simplified, precision=COORDINATE_DECIMALS))
        .order_by("code")
        .values_list("code", "name_ko", "name_en", "geojson")
    )


@never_cache
@require_GET
def district_boundaries(request):
    """All districts as a GeoJSON FeatureCollection in lon/lat; staff only (403 otherwise)."""
    if not (request.user.is_active and request.user.is_staff):
        raise PermissionDenied
    collection = {
        "type": "FeatureCollection",
        "features": [_feature(*row) for row in _boundary_rows()],
    }
    return JsonResponse(collection, content_type="application/geo+json")
