"""Shadow casting over a height raster by ray marching toward the sun (numba, parallel over rows).

A point is in the sun when the straight line from it toward the sun clears
every cell of the surface raster (terrain + buildings), each cell a flat-topped
box. The ray walks the grid cell by cell (the exact traversal of Amanatides &
Woo 1987, see ``gridwalk``), so it sees every cell it crosses, and tests each
at the height the ray has when it enters it: a cell taller than that shades
the point. The walk stops, lit,
when it leaves the grid or rises above the highest cell. The shadow of a box
is thus exact at the sampled point, and a shadow's length on the raster is
within one cell of ``h / tan(elevation)``. Each point's ray is independent, so
the result does not depend on the thread count; a point costs at most
``(top − z) / (cell · tan e)`` cells along the ray.

Heights outside the grid are unknown: pad the study area by
``shadow_margin`` so that buildings just outside it still cast their shadows
in. The sun is down (every point shaded) when its elevation is ≤ 0.

Accumulation for the sunlight rules: every sample has a weight in whole
minutes (its interval's length, 0 outside the counted window) and a flag "in
the consecutive-hours window"; per point the kernels keep the sunlit minutes
and the longest unbroken sunlit run inside the flagged window. The same
``_step`` serves rasters, façade points and the pure ``accumulate`` the tests
use, so the rule is applied one way everywhere.
"""

import numba
import numpy as np

from digital_twin.sim.gridwalk import first_crossing

NO_OWNER = np.full((1, 1), -2, np.int64)


def sun_steps(elevation, azimuth, cell_size):
    """Per instant: the unit direction toward the sun in (row, col) cells, and the ray's rise in metres per cell
    length travelled (−1 when the sun is down)."""
    elevation = np.asarray(elevation, dtype=np.float64)
    azimuth = np.radians(np.asarray(azimuth, dtype=np.float64))
    rise = np.where(elevation > 0, cell_size * np.tan(np.radians(np.clip(elevation, 0.0, 89.9))), -1.0)
    return -np.cos(azimuth), np.sin(azimuth), rise


def shadow_margin(max_height, min_elevation):
    """How far (m) a building of ``max_height`` casts its shadow when the sun stands at ``min_elevation`` degrees."""
    return float(max_height) / np.tan(np.radians(max(float(min_elevation), 0.5)))


def shadow_masks(surface, grid, elevation, azimuth, receiver=None):
    """Shaded cells, (T, n_rows, n_cols) bool, one raster per instant; ``receiver``: height of each cell's point."""
    surface = np.ascontiguousarray(surface, dtype=np.float64)
    receiver = surface if receiver is None else np.ascontiguousarray(receiver, dtype=np.float64)
    drow, dcol, rise = sun_steps(elevation, azimuth, grid.cell_size)
    return _shadow_masks(surface, receiver, drow, dcol, rise, float(surface.max()))


def raster_durations(surface, grid, elevation, azimuth, weights, in_run, receiver=None):
    """Sunlit minutes and longest sunlit run (minutes) of every cell: two int64 rasters."""
    surface = np.ascontiguousarray(surface, dtype=np.float64)
    receiver = surface if receiver is None else np.ascontiguousarray(receiver, dtype=np.float64)
    drow, dcol, rise = sun_steps(elevation, azimuth, grid.cell_size)
    return _raster_durations(
        surface, receiver, drow, dcol, rise, float(surface.max()), _weights(weights), np.asarray(in_run, np.bool_)
    )


def point_durations(surface, owners, grid, points, elevation, azimuth, weights, in_run, own_skip_m):
    """Sunlit minutes and longest run of points in front of façades (see ``facades.FacadePoints``).

    A point is lit only while the sun is in front of its façade (normal · sun > 0). Cells of the point's own
    building (``owners``: building index per cell) are ignored for the first ``own_skip_m`` metres of each ray,
    where the raster's staircase edge would otherwise shade a façade by its own wall.
    """
    surface = np.ascontiguousarray(surface, dtype=np.float64)
    drow, dcol, rise = sun_steps(elevation, azimuth, grid.cell_size)
    azimuth = np.radians(np.asarray(azimuth, dtype=np.float64))
    col0 = (points.x - grid.x_min) / grid.cell_size
    row0 = (grid.y_max - points.y) / grid.cell_size
    skip = float(own_skip_m) / grid.cell_size
    owners = np.ascontiguousarray(owners, np.int64)
    sun_x, sun_y = np.sin(azimuth), np.cos(azimuth)
    return _point_durations(
        surface,
        owners,
        row0,
        col0,
        points.z,
        points.nx,
        points.ny,
        points.building,
        drow,
        dcol,
        rise,
        skip,
        sun_x,
        sun_y,
        float(surface.max()),
        _weights(weights),
        np.asarray(in_run, np.bool_),
    )


def accumulate(lit, weights, in_run):
    """Sunlit minutes and longest run from a lit series, (T, ...) bool: the rule's arithmetic, for any samples."""
    lit = np.asarray(lit, dtype=np.bool_)
    flat = lit.reshape(lit.shape[0], -1)
    total, run = _accumulate(flat, _weights(weights), np.asarray(in_run, np.bool_))
    return total.reshape(lit.shape[1:]), run.reshape(lit.shape[1:])


def _weights(weights):
    weights = np.asarray(weights)
    if weights.dtype.kind not in "iu" or (weights < 0).any():
        raise ValueError("sample weights are whole minutes ≥ 0")
    return weights.astype(np.int64)


@numba.njit(cache=True)
def _lit(surface, row0, col0, z0, drow, dcol, rise, top, owners, own, skip):
    """Whether the ray from (row0, col0) at height z0 reaches the sun; lengths in cells, ``rise`` metres per cell.

    Cells of building ``own`` are passed over while the ray has travelled at most ``skip`` cells.
    """
    if rise <= 0.0:
        return False
    n_rows, n_cols = surface.shape
    r, c = int(np.floor(row0)), int(np.floor(col0))
    step_r = 1 if drow > 0 else -1
    step_c = 1 if dcol > 0 else -1
    next_r, delta_r = first_crossing(row0, drow)  # distance to the next row line, and between row lines
    next_c, delta_c = first_crossing(col0, dcol)
    while True:
        if next_r < next_c:
            travelled = next_r
            r += step_r
            next_r += delta_r
        else:
            travelled = next_c
            c += step_c
            next_c += delta_c
        z = z0 + travelled * rise
        if z >= top or r < 0 or r >= n_rows or c < 0 or c >= n_cols:
            return True
        if surface[r, c] > z and not (travelled <= skip and owners[r, c] == own):
            return False


@numba.njit(cache=True)
def _step(lit, weight, in_run, total, run, best):
    """One sample into (total, current run, best run)."""
    if lit:
        total += weight
    if lit and in_run:
        run += weight
        best = max(best, run)
    else:
        run = 0
    return total, run, best


@numba.njit(cache=True, parallel=True)
def _shadow_masks(surface, receiver, drow, dcol, rise, top):
    n_rows, n_cols = surface.shape
    shaded = np.zeros((len(rise), n_rows, n_cols), np.bool_)
    for i in numba.prange(n_rows):
        for j in range(n_cols):
            for t in range(len(rise)):
                lit = _lit(
                    surface, i + 0.5, j + 0.5, receiver[i, j], drow[t], dcol[t], rise[t], top, NO_OWNER, -1, -1.0
                )
                shaded[t, i, j] = not lit
    return shaded


@numba.njit(cache=True, parallel=True)
def _raster_durations(surface, receiver, drow, dcol, rise, top, weights, in_run):
    n_rows, n_cols = surface.shape
    total = np.zeros((n_rows, n_cols), np.int64)
    best = np.zeros((n_rows, n_cols), np.int64)
    for i in numba.prange(n_rows):
        for j in range(n_cols):
            sum_, run, longest = 0, 0, 0
            for t in range(len(rise)):
                lit = _lit(
                    surface, i + 0.5, j + 0.5, receiver[i, j], drow[t], dcol[t], rise[t], top, NO_OWNER, -1, -1.0
                )
                sum_, run, longest = _step(lit, weights[t], in_run[t], sum_, run, longest)
            total[i, j] = sum_
            best[i, j] = longest
    return total, best


@numba.njit(cache=True, parallel=True)
def _point_durations(
    surface, owners, row0, col0, z0, nx, ny, own, drow, dcol, rise, skip, sun_x, sun_y, top, weights, in_run
):
    n = len(row0)
    total = np.zeros(n, np.int64)
    best = np.zeros(n, np.int64)
    for p in numba.prange(n):
        sum_, run, longest = 0, 0, 0
        for t in range(len(rise)):
            facing = nx[p] * sun_x[t] + ny[p] * sun_y[t] > 0.0
            lit = facing and _lit(
                surface, row0[p], col0[p], z0[p], drow[t], dcol[t], rise[t], top, owners, own[p], skip
            )
            sum_, run, longest = _step(lit, weights[t], in_run[t], sum_, run, longest)
        total[p] = sum_
        best[p] = longest
    return total, best


@numba.njit(cache=True)
def _accumulate(lit, weights, in_run):
    n = lit.shape[1]
    total = np.zeros(n, np.int64)
    best = np.zeros(n, np.int64)
    for p in range(n):
        sum_, run, longest = 0, 0, 0
        for t in range(lit.shape[0]):
            sum_, run, longest = _step(lit[t, p], weights[t], in_run[t], sum_, run, longest)
        total[p] = sum_
        best[p] = longest
    return total, best
