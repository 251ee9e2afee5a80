"""Writers of the files users ask for: GeoJSON, CSV, zipped Shapefile, GeoPackage and KML.

Each writer takes an ``ExportTable`` (shapely geometries in EPSG:4326 and one
dict of attributes per feature) and writes one file. Pure: no Django, so the
same writers serve the API, the pages and the command line.
"""

from dataclasses import dataclass

from .csv_file import write_csv
from .geojson import write_geojson
from .geopackage import write_geopackage
from .kml import write_kml
from .shapefile import write_shapefile
from .table import ExportTable


@dataclass(frozen=True)
class Format:
    key: str
    label: str
    extension: str
    media_type: str
    write: object


FORMATS = {
    format_.key: format_
    for format_ in (
        Format("geojson", "GeoJSON", "geojson", "application/geo+json", write_geojson),
        Format("csv", "CSV", "csv", "text/csv; charset=utf-8", write_csv),
        Format("shp", "Shapefile", "zip", "application/zip", write_shapefile),
        Format("gpkg", "GeoPackage", "gpkg", "application/geopackage+sqlite3", write_geopackage),
        Format("kml", "KML", "kml", "application/vnd.google-earth.kml+xml", write_kml),
    )
}
SHAPEFILE_ENCODINGS = {"cp949": "CP949", "utf-8": "UTF-8"}

__all__ = ["FORMATS", "SHAPEFILE_ENCODINGS", "ExportTable", "Format"]
