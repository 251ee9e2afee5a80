"""Numba helpers on the rings of ``Footprints``: which way a ring turns, so every kernel can orient it alike.

A kernel walks exterior rings counter-clockwise and holes clockwise. Then the
building is on the left of every edge ``e = (ex, ey)``, its outward normal is
``(ey, −ex)``, and Green's theorem gives the enclosed area as ``−∮ y dx``.
Rather than rewrite the caller's coordinates, each ring gets a factor ±1 that
multiplies its edge vectors.
"""

import numba
import numpy as np


@numba.njit(cache=True)
def ring_factor(coords, start, stop, exterior):
    """+1 when the ring ``coords[start:stop]`` (closed) already turns the way its role wants, −1 when not, 0 if flat."""
    x0, y0 = coords[start, 0], coords[start, 1]
    twice_area = 0.0
    for k in range(start, stop - 1):
        xa, ya = coords[k, 0] - x0, coords[k, 1] - y0
        xb, yb = coords[k + 1, 0] - x0, coords[k + 1, 1] - y0
        twice_area += xa * yb - xb * ya
    if twice_area == 0.0:
        return 0.0
    counter_clockwise = twice_area > 0.0
    return 1.0 if counter_clockwise == exterior else -1.0


@numba.njit(cache=True)
def building_vertex_range(ring_offsets, part_offsets, building_offsets, building):
    """First and one-past-last vertex of one building (its parts and rings are contiguous)."""
    first_part, end_part = building_offsets[building], building_offsets[building + 1]
    return ring_offsets[part_offsets[first_part]], ring_offsets[part_offsets[end_part]]


@numba.njit(cache=True)
def vertex_bounds(coords, start, stop):
    x_min, y_min = np.inf, np.inf
    x_max, y_max = -np.inf, -np.inf
    for k in range(start, stop):
        x_min = min(x_min, coords[k, 0])
        x_max = max(x_max, coords[k, 0])
        y_min = min(y_min, coords[k, 1])
        y_max = max(y_max, coords[k, 1])
    return x_min, y_min, x_max, y_max
