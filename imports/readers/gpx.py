"""Read GPX: waypoints as points, routes and tracks as lines, with their name, description and time.

A track of several segments becomes a MultiLineString; a track or route with
fewer than two points has no line and is noted as skipped. The column
``gpx_type`` says whether a row was a waypoint, a route or a track. GPX is
always WGS 84 longitude/latitude. The XML goes through ``xml.parse_xml``
(defusedxml). Pure: no Django.
"""

from pathlib import Path

import shapely

from .data import assemble
from .vector import check_size
from .xml import child_text, children, local, parse_xml

COLUMNS = ("name", "description", "gpx_type", "time", "elevation", "type")
DECLARED_BY = "the GPX standard (always WGS 84 longitude/latitude)"


def read_gpx(path, *, encoding=None, srid=None, limits, strict=False):
    path = Path(path)
    check_size(path, limits)
    root, chosen = parse_xml(path.read_bytes(), path.name, encoding)
    rows, geometries = [], []
    for element in root:
        kind = local(element.tag)
        if kind in READERS:
            row, geometry = READERS[kind](element)
            rows.append({column: row.get(column, "") for column in COLUMNS})
            geometries.append(geometry)
    return assemble(
        path.stem,
        geometries,
        rows,
        chosen,
        declared="EPSG:4326",
        declared_by=DECLARED_BY,
        srid=srid,
        strict=strict,
        columns=COLUMNS,
    )


def _position(point):
    try:
        return float(point.get("lon")), float(point.get("lat"))
    except (TypeError, ValueError):
        return None


def _common(element, kind, first_point=None):
    row = {
        "name": child_text(element, "name"),
        "description": child_text(element, "desc") or child_text(element, "cmt"),
        "gpx_type": kind,
        "type": child_text(element, "type"),
    }
    if first_point is not None:
        row["time"] = child_text(first_point, "time")
        row["elevation"] = child_text(first_point, "ele")
    return row


def _waypoint(element):
    position = _position(element)
    return _common(element, "waypoint", element), shapely.Point(position) if position else None


def _line(points):
    positions = [position for position in map(_position, points) if position]
    return shapely.LineString(positions) if len(positions) >= 2 else None


def _route(element):
    points = children(element, "rtept")
    return _common(element, "route", points[0] if points else None), _line(points)


def _track(element):
    segments = [children(segment, "trkpt") for segment in children(element, "trkseg")]
    lines = [line for line in map(_line, segments) if line is not None]
    first = next((points[0] for points in segments if points), None)
    geometry = None if not lines else lines[0] if len(lines) == 1 else shapely.MultiLineString(lines)
    return _common(element, "track", first), geometry


READERS = {"wpt": _waypoint, "rte": _route, "trk": _track}
