"""Checks and repairs a GeoJSON geometry that a user drew, before it becomes a feature.

Pure shapely: no Django. Every rejection is a ``GeometryError`` whose message
names the problem in words a resident can act on.
"""

import math
from dataclasses import dataclass

import shapely
from shapely.geometry import shape
from shapely.validation import explain_validity

WORLD = (-180.0, -90.0, 180.0, 90.0)
GEOJSON_TYPES = {
    "Point",
    "LineString",
    "Polygon",
    "MultiPoint",
    "MultiLineString",
    "MultiPolygon",
    "GeometryCollection",
}


class GeometryError(ValueError):
    """The geometry cannot be stored; the message says why."""


@dataclass(frozen=True)
class CleanGeometry:
    geometry: shapely.Geometry
    repaired: str = ""  # what was repaired, empty when the geometry was valid as drawn


def clean_geometry(geojson, *, allowed_kinds, max_vertices, extent=None):
    """Parse, check and if possible repair a GeoJSON geometry.

    ``allowed_kinds`` lists the GeoJSON types accepted (``Point``, ``LineString``,
    ``Polygon``); ``extent`` is a (min lon, min lat, max lon, max lat) box every
    vertex must lie in, or None to accept any place on Earth.
    """
    geometry = _parse(geojson)
    _check_kind(geometry, allowed_kinds)
    if geometry.is_empty:
        raise GeometryError("The geometry is empty: draw at least one point.")
    geometry = shapely.force_2d(geometry)
    coordinates = shapely.get_coordinates(geometry)
    _check_finite(coordinates)
    _check_vertex_count(len(coordinates), max_vertices)
    _check_extent(coordinates, WORLD, "outside the valid range of longitude and latitude")
    if extent is not None:
        _check_extent(coordinates, extent, "outside Korea; this map only accepts places in Korea")
    if geometry.geom_type == "LineString" and len({tuple(c) for c in coordinates}) < 2:
        raise GeometryError("A line needs at least two different points.")
    if geometry.geom_type == "Polygon" and not geometry.is_valid:
        return _repair_polygon(geometry)
    return CleanGeometry(geometry)


def _parse(geojson):
    if not isinstance(geojson, dict) or geojson.get("type") not in GEOJSON_TYPES:
        kinds = ", ".join(sorted(GEOJSON_TYPES))
        raise GeometryError(f"The geometry must be a GeoJSON object whose 'type' is one of {kinds}.")
    members = geojson.get("geometries") if geojson["type"] == "GeometryCollection" else [geojson]
    for member in members if isinstance(members, list) else []:
        _check_numbers(member.get("coordinates") if isinstance(member, dict) else None)
    try:
        return shape(geojson)
    except (ValueError, TypeError, AttributeError, IndexError, KeyError, shapely.errors.ShapelyError) as exc:
        raise GeometryError(f"The geometry is not valid GeoJSON: {exc}") from exc


def _check_numbers(coordinates):
    """GeoJSON positions are arrays of JSON numbers: no strings, booleans or nulls."""
    if isinstance(coordinates, list):
        for item in coordinates:
            _check_numbers(item)
    elif isinstance(coordinates, bool) or not isinstance(coordinates, int | float):
        raise GeometryError(f"A coordinate must be a number, not {coordinates!r:.40}.")


def _check_kind(geometry, allowed_kinds):
    if geometry.geom_type not in allowed_kinds:
        allowed = ", ".join(allowed_kinds)
        raise GeometryError(f"This layer accepts {allowed}; a {geometry.geom_type} was sent.")


def _check_finite(coordinates):
    if not all(math.isfinite(value) for value in coordinates.ravel()):
        raise GeometryError("The geometry has a coordinate that is not a finite number.")


def _check_vertex_count(count, max_vertices):
    if count > max_vertices:
        raise GeometryError(f"The geometry has {count:,} vertices; at most {max_vertices:,} are accepted. Simplify it.")


def _check_extent(coordinates, extent, what):
    min_x, min_y, max_x, max_y = extent
    xs, ys = coordinates[:, 0], coordinates[:, 1]
    outside = (xs < min_x) | (xs > max_x) | (ys < min_y) | (ys > max_y)
    if outside.any():
        x, y = coordinates[outside.argmax()]
        raise GeometryError(f"The point ({x:.6f}, {y:.6f}) is {what}.")


def _repair_polygon(polygon):
    problem = explain_validity(polygon)
    repaired = shapely.make_valid(polygon)
    polygons = [part for part in getattr(repaired, "geoms", [repaired]) if part.geom_type == "Polygon"]
    if len(polygons) == 1 and not polygons[0].is_empty and polygons[0].area > 0:
        return CleanGeometry(polygons[0], repaired=f"repaired: {problem}")
    raise GeometryError(
        f"The polygon is invalid ({problem}) and cannot be repaired into one polygon: draw it without crossing edges."
    )
