"""Frontal area index λf per cell and wind direction: the façade area facing the wind per unit plan area.

Wind directions are meteorological: the direction the wind blows FROM, in
degrees clockwise from (grid) north — 0° a northerly, 90° an easterly. For
wind from θ the unit vector pointing upwind is ``f = (sin θ, cos θ)``. An edge
``e`` of a footprint (oriented so the building is on its left, see
``rings``) has outward normal ``n = (e_y, −e_x)`` with ``|n| = |e|``; its frontal
area is the edge projected perpendicular to the wind times the building
height, ``max(0, n·f)·h`` — windward façades only, λf = A_F / A_T as in
Grimmond & Oke (1999). Each edge is cut at the cell
lines (an Amanatides & Woo (1987) grid walk, ``gridwalk``) and every piece adds to the cell
it lies in, so λf is exact per cell.

Not modelled, as in most GIS morphometry: a wall hidden by a touching
neighbour (terraced buildings) still counts with its full height, and the
frontal area of a concave building counts every windward façade, not only its
silhouette.
"""

import numba
import numpy as np

from digital_twin.sim.gridwalk import first_crossing
from digital_twin.sim.rings import ring_factor


def directions(count=16):
    """``count`` evenly spaced wind directions from north (0°), clockwise, in degrees."""
    return np.arange(count) * (360.0 / count)


def frontal_area_index(footprints, grid, wind_directions):
    """λf, shape (len(wind_directions), n_rows, n_cols), dimensionless."""
    theta = np.radians(np.asarray(wind_directions, dtype=np.float64))
    area = _frontal_area(*footprints.arrays(), *grid.frame(), np.sin(theta), np.cos(theta))
    return area / grid.cell_area


@numba.njit(cache=True)
def _add_pieces(u1, w1, u2, w2, weights, out):
    """Walk the segment (u, w in cell units, w growing southward) cell by cell; add weights × length share."""
    n_rows, n_cols = out.shape[1], out.shape[2]
    du, dw = u2 - u1, w2 - w1
    next_u, step_u = first_crossing(u1, du)
    next_w, step_w = first_crossing(w1, dw)
    t = 0.0
    while t < 1.0:
        t_next = min(next_u, next_w, 1.0)
        if t_next > t:
            mid = 0.5 * (t + t_next)
            col, row = int(np.floor(u1 + mid * du)), int(np.floor(w1 + mid * dw))
            if 0 <= row < n_rows and 0 <= col < n_cols:
                share = t_next - t
                for d in range(len(weights)):
                    out[d, row, col] += share * weights[d]
        if next_u <= t_next:
            next_u += step_u
        if next_w <= t_next:
            next_w += step_w
        t = t_next


@numba.njit(cache=True)
def _frontal_area(
    coords, ring_offsets, part_offsets, building_offsets, heights, x_min, y_max, c, n_rows, n_cols, sin_t, cos_t
):
    n_dirs = len(sin_t)
    out = np.zeros((n_dirs, n_rows, n_cols))
    weights = np.zeros(n_dirs)
    inv_c = 1.0 / c
    for b in range(len(heights)):
        h = heights[b]
        if h <= 0.0:
            continue
        for part in range(building_offsets[b], building_offsets[b + 1]):
            for ring in range(part_offsets[part], part_offsets[part + 1]):
                start, stop = ring_offsets[ring], ring_offsets[ring + 1]
                factor = ring_factor(coords, start, stop, ring == part_offsets[part])
                for k in range(start, stop - 1):
                    ex = (coords[k + 1, 0] - coords[k, 0]) * factor
                    ey = (coords[k + 1, 1] - coords[k, 1]) * factor
                    facing = False
                    for d in range(n_dirs):
                        weights[d] = max(0.0, ey * sin_t[d] - ex * cos_t[d]) * h
                        facing = facing or weights[d] > 0.0
                    if facing:
                        _add_pieces(
                            (coords[k, 0] - x_min) * inv_c,
                            (y_max - coords[k, 1]) * inv_c,
                            (coords[k + 1, 0] - x_min) * inv_c,
                            (y_max - coords[k + 1, 1]) * inv_c,
                            weights,
                            out,
                        )
    return out
