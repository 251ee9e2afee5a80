"""Hours of direct sun per cell, and the Korean sunlight-right check (일조권) on cells and on façade points.

The check is the one Korean courts apply to a dwelling's sunlight on the
winter solstice (동지): it passes with at least 2 consecutive hours of direct
sun between 09:00 and 15:00, OR at least 4 hours in total between 08:00 and
16:00 (local time). Boundaries count: exactly 120 consecutive minutes, or
exactly 240 in total, pass. Sun is sampled at the middle of every
``step_minutes`` interval (see ``timesteps``); the rule's windows must be
whole numbers of steps.

The sun is computed once for the grid's centre: from the centre to the edge of
a 2 km study area its direction changes by about 0.013° (0.16° for the whole
25 km city). Elevations include
atmospheric refraction by default — light does arrive along the refracted
ray; pass ``refraction=False`` for the geometric sun.

Where the lit point sits: ``receiver="surface"`` (default) is the top of what
is there — roofs on buildings, the ground (terrain) elsewhere; "ground" puts
every point on the terrain, under roofs too (the ground plane a shadow
polygon is drawn on).
"""

from dataclasses import dataclass, replace

import numpy as np

from digital_twin.sim.guards import check_grid
from digital_twin.sim.shadows import point_durations, raster_durations
from digital_twin.sim.solar import solar_position
from digital_twin.sim.sunlight_rule import KOREAN_RULE
from digital_twin.sim.timesteps import TimeWindow

RECEIVERS = ("surface", "ground")


@dataclass(frozen=True)
class SunSeries:
    """The samples of a window: where the sun is, and how each sample counts."""

    window: TimeWindow
    elevation: np.ndarray
    azimuth: np.ndarray
    weights: np.ndarray  # minutes each sample adds to the total (0 outside the counted window)
    in_run: np.ndarray  # samples inside the consecutive-hours window

    @classmethod
    def of(cls, window, latitude, longitude, *, total_window=None, run_window=None, refraction=True):
        sun = solar_position(window.midpoints_utc(), latitude, longitude, refraction=refraction)
        counted = np.ones(window.count, bool) if total_window is None else window.inside(*total_window)
        in_run = np.ones(window.count, bool) if run_window is None else window.inside(*run_window)
        return cls(window, sun.elevation, sun.azimuth, np.where(counted, window.step_minutes, 0), in_run)

    @property
    def daylight_minutes(self):
        """Counted minutes with the sun above the horizon: what an unobstructed point receives."""
        return int(self.weights[self.elevation > 0].sum())


@dataclass(frozen=True)
class SunResult:
    grid: object
    series: SunSeries
    sun_minutes: np.ndarray  # int, sunlit minutes in the counted window
    longest_run_minutes: np.ndarray  # int, longest unbroken sunlit run in the run window
    passes: np.ndarray | None  # bool, the sunlight rule (None for plain sun hours)
    covered: np.ndarray  # bool, cells under a building (their value is the roof's when receiver="surface")

    @property
    def sun_hours(self):
        return self.sun_minutes / 60.0


@dataclass(frozen=True)
class FacadeResult:
    points: object  # FacadePoints
    sun_minutes: np.ndarray  # per point
    longest_run_minutes: np.ndarray
    passes: np.ndarray  # per point
    building_ids: np.ndarray  # every building with points, ascending
    passing_points: np.ndarray  # per building of building_ids
    total_points: np.ndarray
    building_passes: np.ndarray  # per building: at least ``min_passing_points`` points pass

    @property
    def failing_ids(self):
        return self.building_ids[~self.building_passes]


def sun_hours(heights, grid, window, *, terrain=None, receiver="surface", refraction=True, limits=None):
    """Sunlit minutes of every cell over ``window`` (a ``TimeWindow``); the run is over the whole window.

    ``limits``: ``{"max_cells": …, "max_bytes": …}`` instead of ``guards``' defaults.
    """
    check_grid(grid, "sunlight", **(limits or {}))
    series = SunSeries.of(window, *_latlon(grid), refraction=refraction)
    return _raster(heights, grid, series, terrain, receiver, None)


def sunlight_right(
    heights,
    grid,
    date,
    *,
    terrain=None,
    receiver="surface",
    rule=KOREAN_RULE,
    step_minutes=10,
    refraction=True,
    limits=None,
):
    """The sunlight rule on every cell for ``date`` (``solar.winter_solstice(year)`` gives 동지)."""
    check_grid(grid, "sunlight", **(limits or {}))
    series = _rule_series(grid, date, rule, step_minutes, refraction)
    return _raster(heights, grid, series, terrain, receiver, rule)


def facade_sunlight(
    heights,
    owners,
    grid,
    points,
    date,
    *,
    terrain=None,
    rule=KOREAN_RULE,
    step_minutes=10,
    refraction=True,
    min_passing_points=1,
    own_skip_m=None,
):
    """The sunlight rule on façade points; ``owners`` is the building-index raster the heights came with.

    A building passes when at least ``min_passing_points`` of its points pass (default: one lit window
    is enough). ``own_skip_m`` defaults to two cells.
    """
    series = _rule_series(grid, date, rule, step_minutes, refraction)
    surface, ground = _surface(heights, terrain)
    row, col = grid.cell_of(points.x, points.y)
    inside = grid.contains_cells(row, col)
    base = np.where(inside, ground[np.clip(row, 0, grid.n_rows - 1), np.clip(col, 0, grid.n_cols - 1)], 0.0)
    lifted = replace(points, z=points.z + base)
    skip = 2.0 * grid.cell_size if own_skip_m is None else float(own_skip_m)
    total, run = point_durations(
        surface, owners, grid, lifted, series.elevation, series.azimuth, series.weights, series.in_run, skip
    )
    passes = rule.passes(total, run)
    ids, inverse = np.unique(points.building_id, return_inverse=True)
    passing = np.bincount(inverse, weights=passes, minlength=len(ids)).astype(np.int64)
    counts = np.bincount(inverse, minlength=len(ids))
    return FacadeResult(points, total, run, passes, ids, passing, counts, passing >= min_passing_points)


def _rule_series(grid, date, rule, step_minutes, refraction):
    window = rule.window(date, step_minutes)
    latitude, longitude = _latlon(grid)
    return SunSeries.of(
        window, latitude, longitude, total_window=rule.total_window, run_window=rule.run_window, refraction=refraction
    )


def _raster(heights, grid, series, terrain, receiver, rule):
    if receiver not in RECEIVERS:
        raise ValueError(f"receiver must be one of {RECEIVERS}, not {receiver!r}")
    surface, ground = _surface(heights, terrain)
    receiver_height = ground if receiver == "ground" else None
    total, run = raster_durations(
        surface, grid, series.elevation, series.azimuth, series.weights, series.in_run, receiver=receiver_height
    )
    passes = None if rule is None else rule.passes(total, run)
    return SunResult(grid, series, total, run, passes, np.asarray(heights) > 0)


def _surface(heights, terrain):
    heights = np.asarray(heights, dtype=np.float64)
    ground = np.zeros_like(heights) if terrain is None else np.asarray(terrain, dtype=np.float64)
    if ground.shape != heights.shape:
        raise ValueError(f"the terrain raster {ground.shape} is not on the grid of the heights {heights.shape}")
    return ground + heights, ground


def _latlon(grid):
    longitude, latitude = grid.centre_lonlat
    return latitude, longitude
