"""The raster grid every kernel works on: a north-up grid of square cells in EPSG:5186 metres.

Convention (the GeoTIFF one, so that results can be written as COGs without
flipping): the origin is the top-left (north-west) corner ``(x_min, y_max)``;
row ``i`` grows southward and column ``j`` eastward; cell ``(i, j)`` covers
``x_min + j·c ≤ x < x_min + (j+1)·c`` and ``y_max − (i+1)·c < y ≤ y_max − i·c``.
Arrays are indexed ``[row, col]``. Grid north is taken as true north: in
EPSG:5186 (central meridian 127° E) the meridian convergence over Seoul
(126.76–127.18° E) stays below 0.15°, far inside one cell of any shadow.
"""

from dataclasses import dataclass
from functools import cached_property

import numpy as np
from pyproj import Transformer

from digital_twin.sim.errors import InvalidGrid

CRS = "EPSG:5186"


@dataclass(frozen=True)
class Grid:
    x_min: float
    y_max: float
    cell_size: float
    n_rows: int
    n_cols: int

    def __post_init__(self):
        if not (np.isfinite(self.cell_size) and self.cell_size > 0):
            raise InvalidGrid(f"cell size must be a positive number of metres, not {self.cell_size!r}")
        if self.n_rows < 1 or self.n_cols < 1:
            raise InvalidGrid(f"a grid needs at least one cell, not {self.n_rows} × {self.n_cols}")

    @classmethod
    def covering(cls, bounds, cell_size):
        """The grid of ``cell_size`` cells, snapped to multiples of the cell size, that covers ``bounds``.

        Snapping makes the base city and every scenario of one study area share their cells exactly.
        """
        x_min, y_min, x_max, y_max = (float(v) for v in bounds)
        if not (x_max > x_min and y_max > y_min):
            raise InvalidGrid(f"the study area {bounds!r} has no extent")
        if not (np.isfinite(cell_size) and cell_size > 0):
            raise InvalidGrid(f"cell size must be a positive number of metres, not {cell_size!r}")
        left = np.floor(x_min / cell_size) * cell_size
        top = np.ceil(y_max / cell_size) * cell_size
        n_cols = int(np.ceil((x_max - left) / cell_size - 1e-9))
        n_rows = int(np.ceil((top - y_min) / cell_size - 1e-9))
        return cls(float(left), float(top), float(cell_size), max(n_rows, 1), max(n_cols, 1))

    @property
    def shape(self):
        return (self.n_rows, self.n_cols)

    @property
    def cells(self):
        return self.n_rows * self.n_cols

    @property
    def cell_area(self):
        return self.cell_size * self.cell_size

    @property
    def x_max(self):
        return self.x_min + self.n_cols * self.cell_size

    @property
    def y_min(self):
        return self.y_max - self.n_rows * self.cell_size

    @property
    def bounds(self):
        return (self.x_min, self.y_min, self.x_max, self.y_max)

    def frame(self):
        """What the numba kernels take: x_min, y_max, cell size, rows, columns."""
        return self.x_min, self.y_max, self.cell_size, self.n_rows, self.n_cols

    @property
    def geotransform(self):
        """GDAL's six numbers (also ``rasterio.Affine.from_gdal``)."""
        return (self.x_min, self.cell_size, 0.0, self.y_max, 0.0, -self.cell_size)

    def centres(self):
        """x of every column's centre and y of every row's centre (1-D arrays)."""
        xs = self.x_min + (np.arange(self.n_cols) + 0.5) * self.cell_size
        ys = self.y_max - (np.arange(self.n_rows) + 0.5) * self.cell_size
        return xs, ys

    def cell_of(self, x, y):
        """Row and column (integer arrays) of the cells holding the points ``x, y``; may be outside the grid."""
        col = np.floor((np.asarray(x, dtype=float) - self.x_min) / self.cell_size).astype(np.int64)
        row = np.floor((self.y_max - np.asarray(y, dtype=float)) / self.cell_size).astype(np.int64)
        return row, col

    def contains_cells(self, row, col):
        return (row >= 0) & (row < self.n_rows) & (col >= 0) & (col < self.n_cols)

    @cached_property
    def centre_lonlat(self):
        """Longitude and latitude (degrees) of the grid's centre: where the sun is computed for."""
        to_lonlat = Transformer.from_crs(CRS, "EPSG:4326", always_xy=True)
        lon, lat = to_lonlat.transform((self.x_min + self.x_max) / 2, (self.y_min + self.y_max) / 2)
        return float(lon), float(lat)


def require_same_grid(base, scenario):
    """Raise unless two results were computed on the same cells."""
    if base != scenario:
        raise InvalidGrid(f"base and scenario were computed on different grids: {base} and {scenario}")
