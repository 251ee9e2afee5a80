"""Where a tile source has any data at all, so tiles far from it are answered 204 without a query.

A Seoul layer is empty on almost every tile of the world; a reader panning or
zooming out asks for many of them. The extent (EPSG:3857) is cached under the
source's revision, so it is recomputed once after each write and is never
smaller than the data: a tile it rules out is certainly empty. A layer's
extent holds the blurred points of its sensitive features too (and is keyed by
the blurring grid), since those are what the public's tiles draw.
"""

from django.core.cache import cache
from django.db import connection

from layers.privacy import grid_metres

from .sql import query

BUILDINGS_EXTENT_SQL = "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Extent(footprint_3857) AS e FROM digital_twin_building) AS extent"  # noqa: E501
EXTENT_SECONDS = 24 * 3600
EMPTY = ()


def _extent(key, sql, params):
    extent = cache.get(key)
    if extent is None:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone()
        extent = tuple(row) if row and row[0] is not None else EMPTY
        cache.set(key, extent, EXTENT_SECONDS)
    return extent


def layer_extent(layer):
    grid = grid_metres()
    params = {"layer_id": layer.pk, "blur_grid": grid}
    return _extent(f"extent:l{layer.pk}:r{layer.revision}:g{grid:g}", query("layer_extent"), params)


def buildings_extent(revision):
    return _extent(f"extent:buildings:r{revision}", BUILDINGS_EXTENT_SQL, [])
