"""A zipped ESRI Shapefile in CP949 or UTF-8, always with its ``.cpg`` and ``.prj``.

A Shapefile holds one kind of geometry, so features are split into one
Shapefile per kind present (``_points``, ``_lines``, ``_polygons``; no suffix
when there is only one). DBF field names are at most 10 bytes: longer ones are
cut, made unique, and readers of this app match them back to the layer's
field keys. Text a code page cannot hold (e.g. emoji in CP949) is written as
``?``, since a district office that asks for CP949 asks for what its tools read.
"""

import tempfile
import zipfile
from pathlib import Path

import numpy as np
import shapely
from pyogrio import raw

from .table import typed_columns

DBF_NAME_BYTES = 10
GEOMETRY_TYPES = {
    "points": "Point",
    "multipoints": "MultiPoint",
    "lines": "MultiLineString",
    "polygons": "MultiPolygon",
}
CPG = {"cp949": "CP949", "utf-8": "UTF-8"}


def write_shapefile(table, path, *, encoding="cp949", **_options):
    codec = encoding.lower()
    if codec not in CPG:
        raise ValueError(f"A Shapefile is written in CP949 or UTF-8, not {encoding}.")
    families = table.families() or {"points": np.array([], dtype=int)}
    names = dbf_names(table.columns, codec)
    with tempfile.TemporaryDirectory() as folder, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for family, indices in families.items():
            stem = table.name if len(families) == 1 else f"{table.name}_{family}"
            shp = Path(folder) / f"{stem}.shp"
            _write_one(table, indices, names, codec, shp, GEOMETRY_TYPES[family])
            for part in sorted(Path(folder).glob(f"{stem}.*")):
                archive.write(part, part.name)


def _write_one(table, indices, names, codec, shp, geometry_type):
    fields, arrays = typed_columns(table, indices, names)
    arrays = [_fit(array, codec) for array in arrays]
    geometries = np.array([shapely.to_wkb(table.geometries[index]) for index in indices], dtype=object)
    raw.write(
        shp,
        geometries,
        arrays,
        fields,
        driver="ESRI Shapefile",
        geometry_type=geometry_type,
        crs="EPSG:4326",
        encoding=CPG[codec],
    )
    shp.with_suffix(".cpg").write_text(CPG[codec], encoding="ascii")


def _fit(array, codec):
    if array.dtype != object:
        return array
    return np.array([None if value is None else _representable(value, codec) for value in array], dtype=object)


def _representable(text, codec):
    return text.encode(codec, errors="replace").decode(codec)


def dbf_names(columns, codec):
    """DBF field names: each at most 10 bytes in ``codec``, unique (``title``, ``category_l``, ``category_2``)."""
    names = []
    for column in columns:
        name = _cut(column, codec, DBF_NAME_BYTES)
        number = 1
        while name.lower() in (taken.lower() for taken in names):
            number += 1
            suffix = f"_{number}"
            name = _cut(column, codec, DBF_NAME_BYTES - len(suffix)) + suffix
        names.append(name)
    return names


def _cut(text, codec, limit):
    while len(text.encode(codec, errors="replace")) > limit:
        text = text[:-1]
    return text
