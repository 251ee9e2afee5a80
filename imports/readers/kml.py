"""Read KML and KMZ (a zipped KML): placemarks with their name, description, extended data and folder.

Points, lines, polygons (with holes) and multi-geometries are read; each
placemark's ``<Folder>`` name is kept as the column ``folder``, since tools
such as Google My Maps put a map's layers or categories in folders. KML is
always WGS 84 longitude/latitude. The XML goes through ``xml.parse_xml``
(defusedxml): external entities are refused. Pure: no Django.
"""

from pathlib import Path

import shapely

from .archive import members_with_suffix, open_archive, read_member
from .data import assemble
from .errors import LayerChoiceError
from .vector import check_size
from .xml import child_text, children, local, parse_xml

KML_CRS = "EPSG:4326"
DECLARED_BY = "the KML standard (always WGS 84 longitude/latitude)"
GEOMETRY_TAGS = ("Point", "LineString", "LinearRing", "Polygon", "MultiGeometry")


def read_kml(path, *, encoding=None, srid=None, limits, strict=False):
    """A ``.kml`` file, or the main KML of a ``.kmz`` (``doc.kml``, else its only .kml)."""
    path = Path(path)
    check_size(path, limits)
    if path.suffix.lower() == ".kmz" or path.suffix.lower() == ".zip":
        data, name = _from_kmz(path, limits)
    else:
        data, name = path.read_bytes(), path.name
    root, chosen = parse_xml(data, name, encoding)
    placemarks = list(_placemarks(root, folder=""))
    rows = [_attributes(placemark, folder) for placemark, folder in placemarks]
    columns = _columns(rows)
    rows = [{column: row.get(column, "") for column in columns} for row in rows]
    geometries = [_geometry(placemark) for placemark, _ in placemarks]
    return assemble(
        path.stem,
        geometries,
        rows,
        chosen,
        declared=KML_CRS,
        declared_by=DECLARED_BY,
        srid=srid,
        strict=strict,
        columns=tuple(columns),
    )


def _from_kmz(path, limits):
    with open_archive(path, limits) as archive:
        names = members_with_suffix(archive, (".kml",))
        main = next((name for name in names if name.lower() == "doc.kml"), None)
        if main is None:
            if len(names) != 1:
                found = ", ".join(names) or "none"
                raise LayerChoiceError(f"{path.name} should hold doc.kml or one .kml file; it holds {found}.")
            main = names[0]
        return read_member(archive, archive.getinfo(main), limits.max_uncompressed_bytes), main


def _placemarks(element, folder):
    for child in element:
        name = local(child.tag)
        if name == "Placemark":
            yield child, folder
        elif name in ("Folder", "Document", "kml"):
            inner = child_text(child, "name") if name == "Folder" else ""
            yield from _placemarks(child, " / ".join(part for part in (folder, inner) if part))


def _attributes(placemark, folder):
    row = {"name": child_text(placemark, "name"), "description": child_text(placemark, "description")}
    for extended in children(placemark, "ExtendedData"):
        for data in children(extended, "Data"):
            row[data.get("name", "")] = child_text(data, "value")
        for schema in children(extended, "SchemaData"):
            for simple in children(schema, "SimpleData"):
                row[simple.get("name", "")] = (simple.text or "").strip()
    row.pop("", None)
    row["folder"] = folder
    return row


def _columns(rows):
    columns = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    return list(columns)


def _geometry(placemark):
    shapes = [_shape(child) for child in placemark if local(child.tag) in GEOMETRY_TAGS]
    shapes = [shape for shape in shapes if shape is not None]
    return shapes[0] if shapes else None


def _shape(element):
    kind = local(element.tag)
    if kind == "Point":
        coordinates = _coordinates(element)
        return shapely.Point(coordinates[0]) if coordinates else None
    if kind in ("LineString", "LinearRing"):
        coordinates = _coordinates(element)
        return shapely.LineString(coordinates) if len(coordinates) >= 2 else None
    if kind == "Polygon":
        return _polygon(element)
    parts = [_shape(child) for child in element if local(child.tag) in GEOMETRY_TAGS]
    return _collect([part for part in parts if part is not None])


def _polygon(element):
    outer = [_ring(boundary) for boundary in children(element, "outerBoundaryIs")]
    if not outer or outer[0] is None:
        return None
    holes = [_ring(boundary) for boundary in children(element, "innerBoundaryIs")]
    return shapely.Polygon(outer[0], [hole for hole in holes if hole is not None])


def _ring(boundary):
    rings = children(boundary, "LinearRing")
    coordinates = _coordinates(rings[0]) if rings else []
    return coordinates if len(coordinates) >= 3 else None


def _coordinates(element):
    text = child_text(element, "coordinates")
    points = []
    for position in text.split():
        values = position.split(",")
        try:
            points.append((float(values[0]), float(values[1])))
        except (IndexError, ValueError):
            continue
    return points


def _collect(parts):
    """A MultiGeometry: one part stays itself; parts of one kind make a Multi*; mixed kinds a collection."""
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    kinds = {part.geom_type for part in parts}
    if kinds == {"Point"}:
        return shapely.MultiPoint(parts)
    if kinds == {"LineString"}:
        return shapely.MultiLineString(parts)
    if kinds <= {"Polygon", "MultiPolygon"}:
        return shapely.MultiPolygon([p for part in parts for p in shapely.get_parts(part)])
    return shapely.GeometryCollection(parts)
