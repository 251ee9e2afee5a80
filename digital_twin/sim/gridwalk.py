"""The step both grid walks share: how far along a ray the next grid line is (Amanatides & Woo 1987).

"A fast voxel traversal algorithm for ray tracing" walks a ray cell by cell
by keeping, per axis, the ray parameter of the next grid line and the
parameter between two lines. The frontal-area kernel walks façade edges that
way (parameter 0–1 along the edge), the shadow kernel walks rays toward the
sun (parameter in cell lengths).
"""

import numba
import numpy as np


@numba.njit(cache=True)
def first_crossing(position, direction):
    """(parameter of the first integer line after ``position`` along ``direction``, parameter between lines)."""
    if abs(direction) < 1e-12:
        return np.inf, np.inf
    between = 1.0 / abs(direction)
    cell = np.floor(position)
    gap = (cell + 1.0 - position) if direction > 0 else (position - cell)
    return gap * between, between
