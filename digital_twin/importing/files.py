"""Which reader reads a building file, by its name: Shapefile (.zip/.shp/folder), CityJSON, CityGML.

Every reader yields ``BuildingChunk``s; this module gives them one face
(``OpenedFile``): the format, the number of buildings when the file says so
up front, how the file was understood, and the chunks.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from imports.detection import describe

from ..readers.citygml import read_citygml
from ..readers.cityjson import read_cityjson
from ..readers.errors import UnknownFormat
from ..readers.gis_building import open_shapefile

CITYJSON_SUFFIXES = (".json", ".jsonl")
CITYGML_SUFFIXES = (".gml", ".xml", ".citygml")
SHAPEFILE_SUFFIXES = (".zip", ".shp")
DEM_SUFFIXES = (".tif", ".tiff")


@dataclass
class OpenedFile:
    file_format: str
    chunks: Callable
    count: int | None = None
    described: dict = field(default_factory=dict)


def building_chunks(path, *, srid=None, encoding=None, field_map=None):
    """The reader for ``path``, opened; raises ``UnknownFormat`` for a file it cannot tell."""
    if not path.exists():
        raise UnknownFormat(f"{path} does not exist.")
    suffix = path.suffix.lower()
    if suffix in SHAPEFILE_SUFFIXES or path.is_dir():
        shapefile = open_shapefile(path, srid=srid, encoding=encoding, field_map=field_map)
        described = {
            "crs": f"{describe(shapefile.srid)} ({shapefile.crs_reason})",
            "encoding": f"{shapefile.encoding.value} ({shapefile.encoding.reason})",
            "field_map": shapefile.field_map,
        }
        return OpenedFile("shapefile", shapefile.chunks, shapefile.count, described)
    if field_map or encoding:
        raise UnknownFormat("--field-map and --encoding apply to Shapefiles only.")
    if suffix in CITYJSON_SUFFIXES:
        return OpenedFile("cityjson", lambda: read_cityjson(path, srid=srid))
    if suffix in CITYGML_SUFFIXES:
        return OpenedFile("citygml", lambda: read_citygml(path, srid=srid))
    raise UnknownFormat(
        f"{path.name} is not a building file this app reads: a zipped Shapefile (.zip) such as GIS건물통합정보, "
        "CityJSON (.json, .jsonl) or CityGML (.gml). A DEM (.tif) is imported as terrain."
    )


def is_dem(path):
    return Path(path).suffix.lower() in DEM_SUFFIXES
