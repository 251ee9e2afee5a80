"""Urban morphometry on a grid: λp, λf per wind direction, height statistics, z0 and zd — one call per study area.

The cell size is the caller's: 100 m for the whole city (Seoul's wind-corridor
maps use about that), 10–25 m for a neighbourhood. At fine cells the values
describe the cell itself, not the upwind fetch a flux footprint would see;
``z0``/``zd`` are meant for cells of ~100 m and more.

References: Grimmond & Oke (1999) for the definitions of λp, λf, zH and σH;
Macdonald et al. (1998) and the rule of thumb for z0/zd (see ``roughness``).
"""

from dataclasses import dataclass

import numpy as np

from digital_twin.sim.frontal import directions as even_directions
from digital_twin.sim.frontal import frontal_area_index
from digital_twin.sim.guards import check_grid
from digital_twin.sim.rasterize import BuildingRasters, rasterize
from digital_twin.sim.roughness import STAGGERED, macdonald, rule_of_thumb

METHODS = ("macdonald", "rule_of_thumb")


@dataclass(frozen=True)
class Morphometry:
    rasters: BuildingRasters
    directions: np.ndarray  # wind directions (from), degrees clockwise from north, shape (D,)
    frontal: np.ndarray  # λf, shape (D, n_rows, n_cols)
    z0: np.ndarray  # roughness length, m, shape (D, n_rows, n_cols)
    zd: np.ndarray  # zero-plane displacement, m, shape (n_rows, n_cols)
    method: str

    @property
    def grid(self):
        return self.rasters.grid

    @property
    def plan(self):
        return self.rasters.plan_fraction

    def direction_index(self, direction):
        """Index of a wind direction (degrees, within 0.01°) in ``directions``; KeyError if it was not computed."""
        gap = np.abs((self.directions - float(direction) + 180.0) % 360.0 - 180.0)
        if gap.min() > 0.01:
            raise KeyError(f"wind direction {direction}° was not computed (have {list(self.directions)})")
        return int(np.argmin(gap))


def morphometry(footprints, grid, wind_directions=16, *, method="macdonald", limits=None, **constants):
    """Morphometric parameters of ``footprints`` on ``grid`` for ``wind_directions`` (a count or degrees).

    ``constants`` go to the roughness method: ``alpha``, ``beta``, ``drag``, ``karman`` for Macdonald
    (``roughness.SQUARE`` holds the square-array pair), ``fd``, ``f0`` for the rule of thumb. ``limits``:
    ``{"max_cells": …, "max_bytes": …}`` instead of ``guards``' defaults.
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, not {method!r}")
    if np.isscalar(wind_directions):
        wind_directions = even_directions(int(wind_directions))
    wind_directions = np.asarray(wind_directions, dtype=np.float64) % 360.0
    check_grid(grid, "morphometry", len(wind_directions), **(limits or {}))
    rasters = rasterize(footprints, grid)
    frontal = frontal_area_index(footprints, grid, wind_directions)
    height = rasters.weighted_mean_height
    if method == "macdonald":
        z0, zd = macdonald(rasters.plan_fraction, frontal, height, **{**STAGGERED, **constants})
    else:
        z0, zd = rule_of_thumb(height, **constants)
        z0 = np.broadcast_to(z0, frontal.shape).copy()
    return Morphometry(rasters, wind_directions, frontal, z0, zd, method)
