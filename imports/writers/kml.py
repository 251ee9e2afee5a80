"""KML 2.2: one Placemark per feature (title as name, summary as description, the rest as ExtendedData).

When the table has a ``layer`` column (a whole map), each layer is a Folder.
Text is escaped by ElementTree; KML coordinates are lon,lat.
"""

from xml.etree.ElementTree import Element, ElementTree, SubElement  # noqa: S405 - building XML, never parsing it

KML_NAMESPACE = "http://www.opengis.net/kml/2.2"
NAME_COLUMN, DESCRIPTION_COLUMN, FOLDER_COLUMN = "title", "summary", "layer"


def write_kml(table, path, **_options):
    root = Element("kml", xmlns=KML_NAMESPACE)
    document = SubElement(root, "Document")
    SubElement(document, "name").text = table.name
    folders = {}
    for row, geometry in zip(table.rows, table.geometries, strict=True):
        parent = document
        if FOLDER_COLUMN in table.columns:
            folder_name = str(row.get(FOLDER_COLUMN) or "")
            if folder_name not in folders:
                folders[folder_name] = SubElement(document, "Folder")
                SubElement(folders[folder_name], "name").text = folder_name
            parent = folders[folder_name]
        _placemark(parent, table.columns, row, geometry)
    ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)


def _placemark(parent, columns, row, geometry):
    placemark = SubElement(parent, "Placemark", id=f"feature-{row.get('id')}")
    SubElement(placemark, "name").text = str(row.get(NAME_COLUMN) or "")
    SubElement(placemark, "description").text = str(row.get(DESCRIPTION_COLUMN) or "")
    extended = SubElement(placemark, "ExtendedData")
    for column in columns:
        if column not in (NAME_COLUMN, DESCRIPTION_COLUMN, FOLDER_COLUMN) and row.get(column) is not None:
            data = SubElement(extended, "Data", name=column)
            SubElement(data, "value").text = _text(row[column])
    _geometry(placemark, geometry)


def _text(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _geometry(parent, geometry):
    kind = geometry.geom_type
    if kind == "Point":
        SubElement(SubElement(parent, "Point"), "coordinates").text = _coordinates(geometry.coords)
    elif kind == "LineString":
        SubElement(SubElement(parent, "LineString"), "coordinates").text = _coordinates(geometry.coords)
    elif kind == "Polygon":
        polygon = SubElement(parent, "Polygon")
        _ring(polygon, "outerBoundaryIs", geometry.exterior)
        for hole in geometry.interiors:
            _ring(polygon, "innerBoundaryIs", hole)
    else:
        multi = SubElement(parent, "MultiGeometry")
        for part in geometry.geoms:
            _geometry(multi, part)


def _ring(polygon, boundary, ring):
    SubElement(SubElement(SubElement(polygon, boundary), "LinearRing"), "coordinates").text = _coordinates(ring.coords)


def _coordinates(coords):
    return " ".join(f"{x:.7f},{y:.7f}" for x, y in coords)
