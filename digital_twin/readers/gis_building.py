"""Read building footprints from a (zipped) ESRI Shapefile such as GIS건물통합정보, in chunks.

Agencies hand these out in CP949 without a ``.cpg``, in EPSG:5174 or 5186,
with named (HEIGHT, GRND_FLR, …) or coded (A0…A28) columns. Encoding and CRS
are told by ``imports.detection`` from the first chunk's bytes and the
``.prj`` (or given by the caller); the zip is opened through the same checks
as every other upload (``shapefile_source``, on ``imports.readers.archive``). Features stream through
GDAL's Arrow interface one chunk at a time, so a 600,000-building file never
sits in memory whole. Pure: pyogrio, shapely and pyproj, no Django.
"""

from dataclasses import dataclass

import numpy as np
import pyogrio
import shapely
from pyogrio import raw
from pyogrio.errors import DataLayerError, DataSourceError

from imports.detection import Detection, detect_crs, detect_encoding, normalise_encoding
from imports.readers.errors import UnsupportedFile
from imports.readers.vector import BYTES_AS_TEXT

from .chunks import CHUNK_SIZE, BuildingChunk
from .errors import TwinFileError
from .field_maps import choose_field_map
from .numbers import count, number
from .projection import to_target
from .shapefile_source import locate_shapefile
from .uses import building_use

GEOMETRY_COLUMN = "wkb_geometry"


@dataclass
class ShapefileBuildings:
    """An opened building Shapefile: how it was understood, and its features as chunks (``chunks()``)."""

    gdal_path: str
    layer: str
    count: int
    srid: int
    crs_reason: str
    encoding: Detection
    field_map: str
    columns: dict  # attribute -> column

    def chunks(self, size=CHUNK_SIZE):
        wanted = [column for column in self.columns.values() if column]
        first_row = 1
        with _open(self.gdal_path, columns=wanted, batch_size=size) as (_, reader):
            for batch in reader:
                data = batch.to_pydict()
                yield self._chunk(data, first_row)
                first_row += batch.num_rows

    def _chunk(self, data, first_row):
        count = len(data[GEOMETRY_COLUMN])
        footprints = to_target(shapely.from_wkb(np.array(data[GEOMETRY_COLUMN], dtype=object)), self.srid)
        text = self._decoder(first_row)
        ids = [text(value, "source_id") for value in self._column(data, "source_id", count)]
        return BuildingChunk(
            source_ids=ids,
            footprints=footprints,
            heights=_numbers(self._column(data, "height", count), float),
            floors_above=_numbers(self._column(data, "floors_above", count), int),
            floors_below=_numbers(self._column(data, "floors_below", count), int),
            uses=[building_use(text(value, "use")) for value in self._column(data, "use", count)],
            names=[text(value, "name")[:200] for value in self._column(data, "name", count)],
            first_row=first_row,
        )

    def _column(self, data, attribute, count):
        column = self.columns[attribute]
        return data[column] if column else [None] * count

    def _decoder(self, first_row):
        codec = self.encoding.value

        def text(value, attribute):
            if value is None:
                return ""
            if not isinstance(value, str):
                value = int(value) if isinstance(value, float) and value.is_integer() else value
                return str(value)
            try:
                return value.encode(BYTES_AS_TEXT).decode(codec).strip()
            except UnicodeDecodeError:
                raise TwinFileError(
                    f"The {attribute} column ({self.columns[attribute]}) near row {first_row} is not valid {codec}; "
                    "give the file's encoding with --encoding."
                ) from None

        return text


def open_shapefile(path, *, srid=None, encoding=None, field_map=None, limits=None):
    """Open a building Shapefile (``.zip``, folder or ``.shp``) and decide its CRS, encoding and columns."""
    shapefile = locate_shapefile(path, limits)
    try:
        info = pyogrio.read_info(shapefile.gdal_path, encoding=BYTES_AS_TEXT)
    except (DataSourceError, DataLayerError) as exc:
        raise UnsupportedFile(f"{shapefile.layer} cannot be read: {exc}") from None
    if not info["features"]:
        raise TwinFileError(f"{shapefile.layer} has no features.")
    chosen = _encoding(shapefile, encoding)
    columns = [_decode_name(name, chosen.value) for name in info["fields"]]
    chosen_map = choose_field_map(field_map, columns)
    resolved = chosen_map.resolve(columns)
    raw_names = dict(zip(columns, info["fields"], strict=True))
    crs = detect_crs(tuple(info["total_bounds"]), shapefile.prj, srid=srid, declared_by="the .prj")
    return ShapefileBuildings(
        gdal_path=shapefile.gdal_path,
        layer=shapefile.layer,
        count=int(info["features"]),
        srid=crs.srid,
        crs_reason=crs.reason,
        encoding=chosen,
        field_map=chosen_map.name,
        columns={attribute: raw_names[column] if column else None for attribute, column in resolved.items()},
    )


def _open(gdal_path, **options):
    try:
        return raw.open_arrow(gdal_path, encoding=BYTES_AS_TEXT, use_pyarrow=True, **options)
    except (DataSourceError, DataLayerError) as exc:
        raise UnsupportedFile(f"{gdal_path} cannot be read: {exc}") from None


def _encoding(shapefile, encoding):
    if encoding:
        return Detection(normalise_encoding(encoding), 1.0, "given with --encoding")
    with _open(shapefile.gdal_path, read_geometry=False, batch_size=CHUNK_SIZE) as (meta, reader):
        batch = next(iter(reader), None)
        values = [v for column in (batch.to_pydict().values() if batch else ()) for v in column]
        names = list(meta["fields"])
    samples = [text.encode(BYTES_AS_TEXT) for text in (*names, *values) if isinstance(text, str)]
    return detect_encoding(samples, cpg=shapefile.cpg, source="DBF text")


def _decode_name(name, codec):
    try:
        return name.encode(BYTES_AS_TEXT).decode(codec)
    except UnicodeDecodeError:
        return name


def _numbers(values, kind):
    """A column as floats (NaN where missing) or floor counts (0 where missing)."""
    if kind is float:
        return np.array([np.nan if (n := number(value)) is None else n for value in values], dtype=float)
    return np.array([count(value) for value in values], dtype=np.int64)
