"""A PMTiles archive of a public map, for field work offline or hosting as a static file.

Each tile holds every layer of the map (the MVT layers of one tile are simply
concatenated), rendered by the same SQL and parameters as the tile endpoint
for an anonymous reader: only published features of a public map go into a
file that may be copied anywhere, sensitive ones at their blurred place (the
archive's bounds too). Tiles are written over the features' bounds, widened
by the tile buffer so shapes near a tile edge are complete.
"""

import gzip
import math
from collections import Counter
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from pmtiles.tile import Compression, TileType, zxy_to_tileid
from pmtiles.writer import Writer

from mapping.models.maps import Visibility as MapVisibility

from .filters import NO_FILTERS
from .params import layer_tile_params
from .sql import run
from .tilejson import attribution, unit_square, vector_layer, view_of, visible_bounds
from .tilemath import BUFFER, EXTENT, MAX_ZOOM, Tile
from .visibility import PUBLIC


class ExportError(ValueError):
    """The map cannot be exported as asked; the message says why and what to do."""


@dataclass(frozen=True)
class ExportPlan:
    map: object
    layers: tuple
    bounds: tuple[float, float, float, float]
    minzoom: int
    maxzoom: int
    tiles: tuple[Tile, ...]


def plan_export(map_, minzoom, maxzoom):
    """Check that ``map_`` may be exported and list the tiles to render, in PMTiles (Hilbert) order."""
    if map_.visibility != MapVisibility.PUBLIC:
        raise ExportError(
            f"Map {map_.pk} ('{map_.title}') is {map_.visibility}: only public maps are exported, "
            "because an archive can be copied anywhere. Make the map public first."
        )
    if not 0 <= minzoom <= maxzoom <= MAX_ZOOM:
        raise ExportError(f"Zooms must satisfy 0 ≤ minzoom ≤ maxzoom ≤ {MAX_ZOOM}; got {minzoom} and {maxzoom}.")
    layers = tuple(map_.layers.order_by("order", "pk"))
    shared = sorted(name for name, count in Counter(layer.name for layer in layers).items() if count > 1)
    if shared:
        raise ExportError(f"Layers of one tile need distinct names; rename the layers called {', '.join(shared)}.")
    bounds = visible_bounds(layers, AnonymousUser())
    if bounds is None:
        raise ExportError(f"Map {map_.pk} ('{map_.title}') has no published features to export.")
    tiles = sorted(covering(bounds, minzoom, maxzoom), key=lambda t: zxy_to_tileid(t.z, t.x, t.y))
    return ExportPlan(map_, layers, bounds, minzoom, maxzoom, tuple(tiles))


def covering(bounds, minzoom, maxzoom):
    """Every tile from ``minzoom`` to ``maxzoom`` whose buffered envelope meets ``bounds``."""
    west, south, east, north = bounds
    left, top = unit_square(west, north)
    right, bottom = unit_square(east, south)
    margin = BUFFER / EXTENT
    for z in range(minzoom, maxzoom + 1):
        n = 2**z
        xs = range(max(0, math.floor(left * n - margin)), min(n - 1, math.floor(right * n + margin)) + 1)
        ys = range(max(0, math.floor(top * n - margin)), min(n - 1, math.floor(bottom * n + margin)) + 1)
        yield from (Tile(z, x, y) for x in xs for y in ys)


def render(plan, tile):
    """The MVT bytes of every layer of the map in ``tile``, as an anonymous reader sees them."""
    return b"".join(run("layer_features", layer_tile_params(tile, layer, PUBLIC, NO_FILTERS)) for layer in plan.layers)


def header(plan):
    west, south, east, north = plan.bounds
    view = view_of(plan.bounds)
    e7 = 10_000_000
    return {
        "tile_type": TileType.MVT,
        "tile_compression": Compression.GZIP,
        "min_zoom": plan.minzoom,
        "max_zoom": plan.maxzoom,
        "min_lon_e7": round(west * e7),
        "min_lat_e7": round(south * e7),
        "max_lon_e7": round(east * e7),
        "max_lat_e7": round(north * e7),
        "center_zoom": max(plan.minzoom, min(plan.maxzoom, view.zoom)),
        "center_lon_e7": round(view.center[0] * e7),
        "center_lat_e7": round(view.center[1] * e7),
    }


def metadata(plan):
    return {
        "name": plan.map.title,
        "description": plan.map.description,
        "attribution": attribution(),
        "type": "overlay",
        "format": "pbf",
        "vector_layers": [{**vector_layer(layer), "maxzoom": plan.maxzoom} for layer in plan.layers],
    }


def write_pmtiles(plan, out, on_tile=lambda: None):
    """Render the plan's tiles into the binary file ``out``; ``on_tile`` is called after each tile.

    Empty tiles are left out of the archive. Returns the number of tiles written.
    """
    writer = Writer(out)
    written = 0
    for tile in plan.tiles:
        body = render(plan, tile)
        if body:
            writer.write_tile(zxy_to_tileid(tile.z, tile.x, tile.y), gzip.compress(body, mtime=0))
            written += 1
        on_tile()
    if not written:
        raise ExportError(f"Map {plan.map.pk} has no feature in any tile from zoom {plan.minzoom} to {plan.maxzoom}.")
    writer.finalize(header(plan), metadata(plan))
    return written
