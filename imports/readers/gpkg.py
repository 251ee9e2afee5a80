"""Read one layer of a GeoPackage (SQLite, text always UTF-8) through pyogrio. Pure: no Django."""

from pathlib import Path

import pyogrio
from pyogrio.errors import DataSourceError

from ..detection import Detection
from .errors import UnsupportedFile
from .vector import check_size, choose_layer, finish_gdal_layer, read_gdal_layer

GEOPACKAGE_TEXT = Detection("utf-8", 1.0, "a GeoPackage always stores its text as UTF-8")


def read_geopackage(path, *, srid=None, layer=None, limits, strict=False):
    """The only vector layer of ``path``, or the one ``layer`` names."""
    path = Path(path)
    check_size(path, limits)
    try:
        names = [str(name) for name, geometry_type in pyogrio.list_layers(path) if geometry_type]
    except DataSourceError as exc:
        raise UnsupportedFile(f"{path.name} cannot be read as a GeoPackage: {exc}") from None
    chosen = choose_layer(path.name, names, layer, "layer")
    gdal_layer, declared = read_gdal_layer(str(path), chosen, encoding=None, layer=chosen)
    return finish_gdal_layer(gdal_layer, GEOPACKAGE_TEXT, declared, "the GeoPackage", srid, strict)
