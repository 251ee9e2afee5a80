"""Shapes planners draw (GeoJSON in lon/lat) as valid polygons in EPSG:5186, with sizes a city block can have."""

import json

from django.contrib.gis.geos import GEOSException, GEOSGeometry, MultiPolygon

from mapping.errors import InvalidInput

from ..models import BUILDING_SRID

LIMITS_M2 = {"footprint": (4.0, 200_000.0), "study area": (100.0, 50_000_000.0)}


def planar_polygon(geojson, what):
    """``geojson`` (a Polygon or MultiPolygon dict in EPSG:4326) in EPSG:5186, checked; a MultiPolygon."""
    try:
        geometry = GEOSGeometry(json.dumps(geojson), srid=4326)
    except (GEOSException, ValueError, TypeError):
        raise InvalidInput(f"The {what} is not a GeoJSON geometry.") from None
    if geometry.geom_type == "Polygon":
        geometry = MultiPolygon(geometry, srid=4326)
    if geometry.geom_type != "MultiPolygon" or geometry.empty:
        raise InvalidInput(f"The {what} must be a polygon, not a {geometry.geom_type}.")
    if not geometry.valid:
        raise InvalidInput(f"The {what} is not a valid polygon ({geometry.valid_reason}).")
    lon, lat = geometry.centroid.coords
    if not (124 <= lon <= 132 and 33 <= lat <= 39):
        raise InvalidInput(f"The {what} lies outside South Korea: coordinates are longitude, latitude (EPSG:4326).")
    planar = geometry.transform(BUILDING_SRID, clone=True)
    low, high = LIMITS_M2[what]
    if not low <= planar.area <= high:
        raise InvalidInput(f"The {what} covers {planar.area:,.0f} m²; it must be {low:,.0f}–{high:,.0f} m².")
    return planar


def geojson_of(geometry):
    """A 5186 geometry as a GeoJSON dict in lon/lat."""
    return json.loads(geometry.transform(4326, clone=True).geojson)
