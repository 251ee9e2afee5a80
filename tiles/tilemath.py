"""Tile coordinates and how much to generalise at each zoom. Pure Python, no Django."""

from dataclasses import dataclass

MAX_ZOOM = 22
EXTENT = 4096
BUFFER = 64  # tile units (1/64 of the tile) clipped around each tile so shapes join without seams


class TileError(ValueError):
    """z/x/y are not a tile of the Web Mercator pyramid."""


@dataclass(frozen=True)
class Tile:
    z: int
    x: int
    y: int

    def __str__(self):
        return f"{self.z}/{self.x}/{self.y}"


WORLD_HALF = 20037508.342789244  # half the side of the Web Mercator square, metres


def mercator_bounds(tile, buffer=BUFFER):
    """(xmin, ymin, xmax, ymax) of the tile in EPSG:3857, widened by ``buffer`` tile units."""
    size = 2 * WORLD_HALF / 2**tile.z
    margin = size * buffer / EXTENT
    xmin = -WORLD_HALF + tile.x * size
    ymax = WORLD_HALF - tile.y * size
    return (xmin - margin, ymax - size - margin, xmin + size + margin, ymax + margin)


def overlaps(a, b):
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def parse_tile(z, x, y):
    if not 0 <= z <= MAX_ZOOM:
        raise TileError(f"Zoom {z} is outside 0–{MAX_ZOOM}.")
    limit = 2**z
    if not (0 <= x < limit and 0 <= y < limit):
        raise TileError(f"Tile {z}/{x}/{y} does not exist: x and y must be below {limit} at zoom {z}.")
    return Tile(z, x, y)


def point_grid(z):
    """Cell size (tile units) within which only the newest point is kept; 0 keeps all points.

    64 units (four pixels of a 256-pixel tile)
    leave at most 64×64 points per tile while a reader still sees where
    reports concentrate; from zoom 16 the cells shrink until every point
    shows at zoom 18, where a tile is about 100 m wide.
    """
    return {16: 32, 17: 16}.get(z, 64 if z < 16 else 0)


MAX_FEATURES = 4000
"""At most this many features per layer tile, newest first: with titles cut to
TITLE_LENGTH characters a tile stays under 500 KB however dense the reports."""

TITLE_LENGTH = 80


def min_polygon_area(z):
    """Polygons smaller than this (tile units²) are dropped: under a quarter of a screen pixel."""
    return 4 if z < 16 else 0


def blur_reach(grid):
    """How far (EPSG:3857 units) a blurred point may lie from its feature, for a blurring grid of ``grid`` metres.

    Snapping moves a point at most half a cell's diagonal (0.71 × grid, in
    EPSG:5186 metres, true to scale across Korea); Web Mercator stretches that
    by 1/cos(latitude), at most 1.41 up to 45°N. One grid side covers both.
    """
    return float(grid)


BUILDINGS_MIN_ZOOM = 13


def min_building_footprint(z):
    """Footprint (m²) below which buildings are left out at city-wide zooms."""
    return {13: 400.0, 14: 100.0}.get(z, 0.0)


def district_simplification(z):
    """Douglas–Peucker tolerance (metres) for district boundaries: about a quarter pixel."""
    metres_per_pixel = 40075016.69 / (256 * 2**z)
    return metres_per_pixel / 4 if z < 14 else 0.0
