"""A GeoPackage of one layer (EPSG:4326, any geometry kind, text in UTF-8)."""

import numpy as np
import shapely
from pyogrio import raw

from .table import typed_columns


def write_geopackage(table, path, **_options):
    indices = np.arange(len(table.rows))
    fields, arrays = typed_columns(table, indices)
    raw.write(
        path,
        np.array([shapely.to_wkb(geometry) for geometry in table.geometries], dtype=object),
        arrays,
        fields,
        driver="GPKG",
        layer=table.name,
        geometry_type="Unknown",
        crs="EPSG:4326",
        encoding="UTF-8",
        promote_to_multi=False,
    )
