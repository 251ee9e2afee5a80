"""Readers for the files users bring: GeoJSON, Shapefiles, GeoPackage, KML/KMZ, GPX, CSV/TSV and XLSX.

Readers are pure (no Django): they return shapely geometries in EPSG:4326,
attribute rows, and the encoding and coordinate system they chose, with why.
``read_file`` picks the reader by the file's name (and, for a zip, by what it
holds).
"""

from pathlib import Path

from .archive import members_with_suffix, open_archive
from .data import DEFAULT_MAX_UNCOMPRESSED_BYTES, Limits, VectorData
from .errors import (
    GeometryError,
    LayerChoiceError,
    ReaderError,
    TextDecodingError,
    TooLarge,
    UnsafeArchive,
    UnsafeXml,
    UnsupportedFile,
)
from .gpkg import read_geopackage
from .gpx import read_gpx
from .kml import read_kml
from .table import read_text_table, read_workbook
from .vector import read_vector

FORMATS = (
    "GeoJSON (.geojson, .json), an ESRI Shapefile (.zip, or .shp), GeoPackage (.gpkg), KML or KMZ, GPX, "
    "CSV or TSV (.csv, .tsv, .txt) and XLSX with coordinate columns"
)
TEXT_TABLES = (".csv", ".tsv", ".tab", ".txt")
WORKBOOKS = (".xlsx", ".xlsm")
SUFFIXES = (".geojson", ".json", ".zip", ".shp", ".gpkg", ".kml", ".kmz", ".gpx", *TEXT_TABLES, *WORKBOOKS)


def read_file(path, *, encoding=None, srid=None, layer=None, limits=None, coordinates=None, strict=False):
    """Read any supported file into ``VectorData`` (EPSG:4326).

    ``encoding`` and ``srid`` override detection; ``layer`` names a Shapefile
    in a zip, a GeoPackage layer or a workbook sheet; ``coordinates`` names a
    table's WKT column or its (x, y) columns. With ``strict`` a geometry that
    cannot be placed fails the read; otherwise its row is noted as skipped.
    """
    path = Path(path)
    limits = limits or Limits()
    if not path.exists():
        raise UnsupportedFile(f"{path} does not exist.")
    suffix = path.suffix.lower()
    options = {"srid": srid, "limits": limits, "strict": strict}
    if suffix in TEXT_TABLES:
        return read_text_table(path, encoding=encoding, coordinates=coordinates, **options)
    if suffix in WORKBOOKS:
        return read_workbook(path, layer=layer, coordinates=coordinates, **options)
    if suffix == ".gpkg":
        return read_geopackage(path, layer=layer, **options)
    if suffix == ".gpx":
        return read_gpx(path, encoding=encoding, **options)
    if suffix in (".kml", ".kmz") or (suffix == ".zip" and _zip_holds_kml(path, limits)):
        return read_kml(path, encoding=encoding, **options)
    if suffix in (".geojson", ".json", ".zip", ".shp") or path.is_dir():
        return read_vector(path, encoding=encoding, layer=layer, **options)
    raise UnsupportedFile(f"{path.name} is not a supported file: bring {FORMATS}.")


def _zip_holds_kml(path, limits):
    with open_archive(path, limits) as archive:
        return bool(members_with_suffix(archive, (".kml",))) and not members_with_suffix(archive, (".shp",))


__all__ = [
    "DEFAULT_MAX_UNCOMPRESSED_BYTES",
    "FORMATS",
    "SUFFIXES",
    "GeometryError",
    "LayerChoiceError",
    "Limits",
    "ReaderError",
    "TextDecodingError",
    "TooLarge",
    "UnsafeArchive",
    "UnsafeXml",
    "UnsupportedFile",
    "VectorData",
    "read_file",
    "read_vector",
]
