"""CSV for spreadsheets: UTF-8 with a byte-order mark (so Excel reads Hangul), lon/lat columns, no formulas.

Every text cell goes through ``safe_cell`` (formula injection). Points give
their lon/lat; when some features are lines or areas, a ``wkt`` column keeps
their whole shape and lon/lat give a point on them.
"""

import csv

import numpy as np
import shapely

from ..spreadsheet_cells import safe_cell

PRECISION = 7


def write_csv(table, path, **_options):
    points = table.representative_points() if table.rows else np.array([])
    lon, lat = np.round(shapely.get_x(points), PRECISION), np.round(shapely.get_y(points), PRECISION)
    wkt = None
    if table.rows and (shapely.get_type_id(np.asarray(table.geometries, dtype=object)) != 0).any():
        wkt = shapely.to_wkt(table.geometries, rounding_precision=PRECISION, trim=True)
    with open(path, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow([*table.columns, "lon", "lat", *(["wkt"] if wkt is not None else [])])
        for index, row in enumerate(table.rows):
            cells = [_cell(row.get(column)) for column in table.columns]
            cells += [float(lon[index]), float(lat[index]), *([wkt[index]] if wkt is not None else [])]
            writer.writerow(cells)


def _cell(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else safe_cell(value)
