"""``clean_geometry``: what a drawn GeoJSON geometry must be to become a feature, and what is repaired.

Pure shapely, no database: each rejection is a ``GeometryError`` whose message
says what to fix.
"""

import math

import pytest
import shapely

from layers.geometry import CleanGeometry, GeometryError, clean_geometry

KINDS = ["Point", "LineString", "Polygon"]
KOREA = (124.0, 33.0, 132.0, 39.0)


def clean(geojson, *, kinds=KINDS, max_vertices=10_000, extent=KOREA):
    return clean_geometry(geojson, allowed_kinds=kinds, max_vertices=max_vertices, extent=extent)


def ring(*points):
    return [list(point) for point in (*points, points[0])]


SQUARE = {"type": "Polygon", "coordinates": [ring((126.97, 37.55), (126.98, 37.55), (126.98, 37.56), (126.97, 37.56))]}
BOW_TIE = {"type": "Polygon", "coordinates": [ring((126.97, 37.55), (126.98, 37.56), (126.98, 37.55), (126.97, 37.56))]}
# A square with a zero-width spike: the boundary runs up to (126.98, 37.57) and straight back.
SPIKE = {
    "type": "Polygon",
    "coordinates": [
        ring((126.97, 37.55), (126.98, 37.55), (126.98, 37.56), (126.98, 37.57), (126.98, 37.56), (126.97, 37.56))
    ],
}


def line(count, start=(126.9, 37.5), step=1e-5):
    return {"type": "LineString", "coordinates": [[start[0] + i * step, start[1] + i * step] for i in range(count)]}


def test_valid_point_line_and_polygon_pass_unchanged():
    point = clean({"type": "Point", "coordinates": [126.9784, 37.5666]})
    assert isinstance(point, CleanGeometry)
    assert point.geometry.equals(shapely.Point(126.9784, 37.5666))
    assert point.repaired == ""
    assert clean(line(3)).geometry.geom_type == "LineString"
    square = clean(SQUARE)
    assert square.geometry.equals(shapely.geometry.shape(SQUARE))
    assert square.repaired == ""


def test_bow_tie_is_refused_naming_the_self_intersection():
    with pytest.raises(GeometryError, match="Self-intersection") as caught:
        clean(BOW_TIE)
    assert "crossing" in str(caught.value)


def test_zero_width_spike_is_repaired_into_the_square():
    result = clean(SPIKE)
    assert result.geometry.geom_type == "Polygon"
    assert result.geometry.is_valid
    assert result.repaired.startswith("repaired")
    assert math.isclose(result.geometry.area, 0.0001, rel_tol=1e-9)
    assert result.geometry.equals(shapely.geometry.shape(SQUARE))


def test_polygon_with_a_valid_hole_is_kept():
    outer = ring((126.97, 37.55), (126.99, 37.55), (126.99, 37.57), (126.97, 37.57))
    hole = ring((126.975, 37.555), (126.976, 37.555), (126.976, 37.556), (126.975, 37.556))
    result = clean({"type": "Polygon", "coordinates": [outer, hole]})
    assert len(result.geometry.interiors) == 1
    assert result.repaired == ""


@pytest.mark.parametrize(
    "geojson",
    [
        {"type": "Point", "coordinates": []},
        {"type": "LineString", "coordinates": []},
        {"type": "Polygon", "coordinates": []},
    ],
    ids=["Point", "LineString", "Polygon"],
)
def test_empty_geometry_is_refused(geojson):
    with pytest.raises(GeometryError, match="empty"):
        clean(geojson)


def test_vertex_limit_counts_every_vertex():
    assert len(shapely.get_coordinates(clean(line(10_000)).geometry)) == 10_000
    with pytest.raises(GeometryError, match="10,001 vertices; at most 10,000"):
        clean(line(10_001))


def test_polygon_closing_vertex_counts_too():
    square = {"type": "Polygon", "coordinates": [ring((126.97, 37.55), (126.98, 37.55), (126.98, 37.56))]}
    assert clean(square, max_vertices=4).geometry.geom_type == "Polygon"
    with pytest.raises(GeometryError, match="vertices"):
        clean(square, max_vertices=3)


def test_tokyo_is_outside_korea():
    tokyo = {"type": "Point", "coordinates": [139.6917, 35.6895]}
    with pytest.raises(GeometryError, match="Korea") as caught:
        clean(tokyo)
    assert "139.691700" in str(caught.value)
    assert clean(tokyo, extent=None).geometry.equals(shapely.Point(139.6917, 35.6895))


def test_one_vertex_outside_korea_is_enough():
    crossing = {"type": "LineString", "coordinates": [[126.9, 37.5], [139.69, 35.68]]}
    with pytest.raises(GeometryError, match="Korea"):
        clean(crossing)


@pytest.mark.parametrize("coordinates", [[200, 37.5], [-180.5, 0], [126.9, 91], [126.9, -90.01]])
def test_outside_the_world_is_refused_even_without_an_extent(coordinates):
    with pytest.raises(GeometryError, match="longitude and latitude"):
        clean({"type": "Point", "coordinates": coordinates}, extent=None)


@pytest.mark.parametrize(
    "coordinates",
    [[float("nan"), 37.5], [126.9, float("inf")], ["NaN", 37.5], ["Infinity", 37.5]],
    ids=["nan", "inf", "nan-string", "infinity-string"],
)
def test_non_finite_coordinates_are_refused(coordinates):
    with pytest.raises(GeometryError):
        clean({"type": "Point", "coordinates": coordinates}, extent=None)


@pytest.mark.parametrize(
    "coordinates",
    [["126.9", 37.5], [126.9, "37.5"], [True, 37.5]],
    ids=["lon-string", "lat-string", "boolean"],
)
def test_coordinates_must_be_json_numbers(coordinates):
    """GeoJSON positions are numbers (RFC 7946 §3.1.1); a string or boolean is a client bug to report."""
    with pytest.raises(GeometryError):
        clean({"type": "Point", "coordinates": coordinates}, extent=None)


def test_z_is_dropped():
    result = clean({"type": "LineString", "coordinates": [[126.9, 37.5, 12.5], [126.91, 37.51, 13.0]]})
    assert not result.geometry.has_z
    assert shapely.get_coordinates(result.geometry).tolist() == [[126.9, 37.5], [126.91, 37.51]]
    point = clean({"type": "Point", "coordinates": [126.9, 37.5, 30.0]})
    assert not point.geometry.has_z


@pytest.mark.parametrize(
    "geojson",
    [
        {"type": "MultiPolygon", "coordinates": [SQUARE["coordinates"]]},
        {"type": "MultiPoint", "coordinates": [[126.9, 37.5]]},
        {"type": "MultiLineString", "coordinates": [[[126.9, 37.5], [126.91, 37.51]]]},
        {"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": [126.9, 37.5]}]},
    ],
    ids=["MultiPolygon", "MultiPoint", "MultiLineString", "GeometryCollection"],
)
def test_multi_geometries_are_refused_naming_the_kinds(geojson):
    with pytest.raises(GeometryError) as caught:
        clean(geojson)
    message = str(caught.value)
    assert geojson["type"] in message
    assert "Point, LineString, Polygon" in message


def test_allowed_kinds_are_named():
    with pytest.raises(GeometryError, match="accepts Point; a Polygon was sent"):
        clean(SQUARE, kinds=["Point"])


def test_line_needs_two_different_points():
    with pytest.raises(GeometryError, match="two different points"):
        clean({"type": "LineString", "coordinates": [[126.9, 37.5], [126.9, 37.5]]})


@pytest.mark.parametrize(
    "geojson",
    [
        None,
        "POINT (126.9 37.5)",
        [126.9, 37.5],
        {"coordinates": [126.9, 37.5]},
        {"type": "Point"},
        {"type": "Point", "coordinates": "126.9, 37.5"},
        {"type": "Point", "coordinates": [126.9]},
        {"type": "Point", "coordinates": [[126.9, 37.5], [127.0, 37.6]]},
        {"type": "Point", "coordinates": [{"lon": 126.9}, 37.5]},
        {"type": "LineString", "coordinates": [[126.9, 37.5]]},
        {"type": "Polygon", "coordinates": [[[126.9, 37.5], [127.0, 37.5], [126.9, 37.5]]]},
        {"type": "Polygon", "coordinates": [[126.9, 37.5]]},
        {"type": 7, "coordinates": [126.9, 37.5]},
        {"type": "Circle", "coordinates": [126.9, 37.5]},
        {"type": "Feature", "coordinates": [126.9, 37.5]},
    ],
    ids=[
        "none",
        "wkt",
        "list",
        "no-type",
        "no-coordinates",
        "coordinates-string",
        "one-number",
        "nested-too-deep",
        "object-coordinate",
        "one-point-line",
        "two-point-ring",
        "flat-polygon",
        "numeric-type",
        "unknown-type",
        "feature-type",
    ],
)
def test_not_geojson_geometry_is_a_geometry_error(geojson):
    """Whatever a client sends, the answer is a GeometryError (a 400), never another exception (a 500)."""
    with pytest.raises(GeometryError):
        clean(geojson)
