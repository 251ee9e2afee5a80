"""The grids of a study area: the one results are given on, and the padded one a computation may need.

Results are given on the grid that covers the study area's extent, snapped to
multiples of the cell size (``Grid.covering``), so the base city and every
scenario of the area share their cells exactly. Shadows also need the
buildings around the area: sunlight is computed on that grid grown by a margin
on every side (snapped the same way, so the output grid is a window of it)
and cropped back. Statistics count only the cells whose centre lies inside the
study area's polygon.
"""

from dataclasses import dataclass

import numpy as np
import shapely
from pyproj import Transformer

from ..sim.grid import CRS, Grid


@dataclass(frozen=True)
class Layout:
    output: Grid  # results are given on this grid
    compute: Grid  # the output grid grown by the margin
    row: int  # where the output grid starts inside the compute grid
    col: int

    def crop(self, array):
        """The output grid's window of a raster of the compute grid (leading axes kept)."""
        rows, cols = self.output.shape
        return np.asarray(array)[..., self.row : self.row + rows, self.col : self.col + cols]


def layout(extent, cell_size, margin=0.0):
    """The layout for a study area's ``extent`` (x_min, y_min, x_max, y_max in EPSG:5186) at ``cell_size``."""
    output = Grid.covering(extent, cell_size)
    x_min, y_min, x_max, y_max = extent
    compute = Grid.covering((x_min - margin, y_min - margin, x_max + margin, y_max + margin), cell_size)
    row = round((compute.y_max - output.y_max) / cell_size)
    col = round((output.x_min - compute.x_min) / cell_size)
    return Layout(output, compute, int(row), int(col))


def inside(grid, polygon_wkb):
    """Cells whose centre lies inside the study area's polygon (WKB in EPSG:5186): a boolean raster."""
    polygon = shapely.from_wkb(bytes(polygon_wkb))
    xs, ys = grid.centres()
    x, y = np.meshgrid(xs, ys)
    return shapely.contains_xy(polygon, x, y)


def lonlat_corners(grid):
    """The grid's corners in longitude, latitude — top left, top right, bottom right, bottom left — the order
    a MapLibre image source takes them in."""
    to_lonlat = Transformer.from_crs(CRS, "EPSG:4326", always_xy=True)
    xs = [grid.x_min, grid.x_max, grid.x_max, grid.x_min]
    ys = [grid.y_max, grid.y_max, grid.y_min, grid.y_min]
    lons, lats = to_lonlat.transform(xs, ys)
    return [[round(float(lon), 8), round(float(lat), 8)] for lon, lat in zip(lons, lats, strict=True)]
