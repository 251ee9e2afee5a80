"""What a writer is given: the features to write, as shapely geometries (EPSG:4326) and attribute rows."""

from dataclasses import dataclass

import numpy as np
import shapely

FAMILIES = {
    "points": ("Point",),
    "multipoints": ("MultiPoint",),
    "lines": ("LineString", "MultiLineString"),
    "polygons": ("Polygon", "MultiPolygon"),
}


@dataclass(frozen=True)
class ExportTable:
    """``columns`` in order; each row a dict of str, int, float, bool or None; ``geometries`` row by row."""

    name: str
    columns: tuple
    rows: list
    geometries: list

    def values(self, column):
        return [row.get(column) for row in self.rows]

    def families(self):
        """{family: indices} of the geometry families present (one Shapefile holds one family)."""
        kinds = np.array([geometry.geom_type for geometry in self.geometries], dtype=object)
        found = {}
        for family, types in FAMILIES.items():
            indices = np.flatnonzero(np.isin(kinds, types))
            if len(indices):
                found[family] = indices
        return found

    def representative_points(self):
        """A point on each geometry (the point itself for points), for lon/lat columns."""
        geometries = np.asarray(self.geometries, dtype=object)
        points = shapely.point_on_surface(geometries)
        is_point = shapely.get_type_id(geometries) == 0
        points[is_point] = geometries[is_point]
        return points


def typed_columns(table, indices, names=None):
    """(field names, one numpy array per column) for a GDAL writer, each column of one type.

    Whole numbers stay integers and flags booleans when no value is missing;
    numbers with gaps become floats with NaN; everything else is text (None stays NULL).
    """
    arrays = []
    for column in table.columns:
        values = [table.rows[index].get(column) for index in indices]
        arrays.append(_typed(values))
    return list(names or table.columns), arrays


def _typed(values):
    present = [value for value in values if value is not None]
    if present and all(isinstance(value, bool) for value in present) and len(present) == len(values):
        return np.array(values, dtype=bool)
    numbers = present and all(isinstance(value, int | float) and not isinstance(value, bool) for value in present)
    if numbers and len(present) == len(values) and all(isinstance(value, int) for value in present):
        return np.array(values, dtype=np.int64)
    if numbers:
        return np.array([np.nan if value is None else float(value) for value in values], dtype=np.float64)
    return np.array([None if value is None else str(value) for value in values], dtype=object)
