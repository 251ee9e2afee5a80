"""Ventilation corridors (바람길) for a wind direction: least-cost paths across the study area along the wind.

The GIS method of Wong, Nichol, To & Wang (2010), "A simple method for
designation of urban ventilation corridors and its application to urban heat
island analysis", Building and Environment 45, 1880–1889 (least-cost paths
over a frontal-area-index surface from one side of the city to the other),
with the roughness variant of Gál & Unger (2009), "Detection of ventilation
paths using high-resolution roughness parameter mapping in a large urban
area", Building and Environment 44, 198–206 (z0 as the resistance).

1. Obstruction per cell: ``O = λf(θ) + w_p·λp`` (method "frontal") or
   ``O = z0(θ)/z0_ref + w_p·λp`` (method "roughness"). The λp term keeps a
   cell filled by one building's interior — whose façades are elsewhere, so
   λf = 0 there at 10–25 m — from looking open. The corridor potential is
   ``1 / (1 + O)`` (1 on open ground) and the resistance per metre ``1 + O``.
2. Least-cost routing (``skimage.graph.MCP_Geometric``) from every cell of the
   upwind edge(s), with moves restricted to the neighbours that advance
   downwind (less than 90° from the flow): paths cannot turn back against the
   wind, and a lateral step costs more per metre gained than a straight one.
3. From every cell of the downwind edge(s) the least-cost path is traced back
   upwind. It is a corridor when it runs through open cells (``O ≤ open_max``)
   all the way, save at most ``max_blocked_m`` of obstructed cells, and spans
   at least ``min_span`` of the study area's extent along the wind (so that a
   path cutting a corner of the area under an oblique wind does not count).
4. Touching corridor paths are one corridor (8-connected components). Each
   has a centreline (its cheapest path), a length along that centreline, and
   its width: the run of open cells across the wind through each centreline
   cell, as a median and a minimum (the bottleneck).

Directions are where the wind blows FROM, degrees clockwise from north.
"""

from dataclasses import dataclass, field

import numba
import numpy as np
from scipy import ndimage
from skimage.graph import MCP_Geometric

METHODS = ("frontal", "roughness")
NEIGHBOURS = np.array([(-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 1), (1, -1), (1, 0), (1, 1)], dtype=np.int64)
EPS = 1e-9


@dataclass(frozen=True)
class CorridorParameters:
    method: str = "frontal"
    plan_weight: float = 1.0  # w_p
    z0_reference: float = 1.0  # m, z0_ref of the roughness method
    open_max: float = 0.2  # a cell is open when its obstruction is at most this
    max_blocked_m: float = 0.0  # obstructed length a corridor may cross
    min_span: float = 0.5  # share of the study area's along-wind extent a corridor must span

    def __post_init__(self):
        if self.method not in METHODS:
            raise ValueError(f"corridor method must be one of {METHODS}, not {self.method!r}")


DEFAULT = CorridorParameters()


@dataclass(frozen=True)
class Corridor:
    label: int  # its value in CorridorResult.labels
    length_m: float  # along the centreline
    width_m: float  # median open width across the wind
    min_width_m: float  # narrowest open width across the wind
    area_m2: float
    centreline: np.ndarray = field(repr=False)  # (n, 2) x, y of cell centres, upwind first


@dataclass(frozen=True)
class CorridorResult:
    grid: object
    direction: float
    parameters: CorridorParameters
    obstruction: np.ndarray  # O
    potential: np.ndarray  # 1 / (1 + O), 0–1
    mask: np.ndarray  # bool, cells on a corridor
    labels: np.ndarray  # int32, 0 off corridors, else the corridor's label
    corridors: tuple

    @property
    def total_length_m(self):
        return float(sum(c.length_m for c in self.corridors))


def obstruction(morph, direction, parameters=DEFAULT):
    """O for one wind direction from a ``Morphometry`` (which must hold that direction)."""
    k = morph.direction_index(direction)
    along = morph.frontal[k] if parameters.method == "frontal" else morph.z0[k] / parameters.z0_reference
    return along + parameters.plan_weight * morph.plan


def corridors(morph, direction, parameters=DEFAULT):
    """Corridors of a ``Morphometry`` for wind from ``direction``."""
    return extract_corridors(obstruction(morph, direction, parameters), morph.grid, direction, parameters)


def extract_corridors(obstruction_map, grid, direction, parameters=DEFAULT):
    """Corridors over any obstruction raster (≥ 0) on ``grid`` for wind from ``direction`` degrees."""
    obstruction_map = np.asarray(obstruction_map, dtype=np.float64)
    open_cells = obstruction_map <= parameters.open_max
    drow, dcol = flow(direction)
    offsets = NEIGHBOURS[NEIGHBOURS @ np.array([drow, dcol]) > EPS]
    starts, ends = edge_cells(grid.shape, drow, dcol)
    router = MCP_Geometric(1.0 + obstruction_map, offsets=offsets)
    cumulative, traceback = router.find_costs(starts=[tuple(s) for s in starts])
    ends = ends[open_cells[ends[:, 0], ends[:, 1]]]
    max_blocked = int(np.floor(parameters.max_blocked_m / grid.cell_size + EPS))
    min_span = parameters.min_span * (abs(drow) * grid.n_rows + abs(dcol) * grid.n_cols)
    limits = (max_blocked, min_span, drow, dcol)
    mask, path_ends = _trace_all(np.asarray(traceback, np.int64), offsets, open_cells, ends, *limits)
    labels, count = ndimage.label(mask, structure=np.ones((3, 3), dtype=int))
    found = []
    for label in range(1, count + 1):
        own = path_ends[labels[path_ends[:, 0], path_ends[:, 1]] == label]
        best = own[np.argmin(cumulative[own[:, 0], own[:, 1]])]
        rows, cols = _path(np.asarray(traceback, np.int64), offsets, best[0], best[1])
        found.append(_describe(label, rows, cols, labels, open_cells, grid, drow, dcol))
    return CorridorResult(
        grid=grid,
        direction=float(direction) % 360.0,
        parameters=parameters,
        obstruction=obstruction_map,
        potential=1.0 / (1.0 + obstruction_map),
        mask=mask,
        labels=labels.astype(np.int32),
        corridors=tuple(found),
    )


def flow(direction):
    """Unit vector the wind blows TOWARD, in (row, col) units: rows grow southward."""
    theta = np.radians(direction)
    return float(np.cos(theta)), float(-np.sin(theta))


def edge_cells(shape, drow, dcol):
    """(upwind, downwind) border cells as (n, 2) row/col arrays, in row-major order."""
    n_rows, n_cols = shape
    rows, cols = np.indices(shape)
    upwind = np.zeros(shape, bool)
    downwind = np.zeros(shape, bool)
    for moving, first, last in ((drow, rows == 0, rows == n_rows - 1), (dcol, cols == 0, cols == n_cols - 1)):
        if moving > EPS:
            upwind |= first
            downwind |= last
        elif moving < -EPS:
            upwind |= last
            downwind |= first
    return np.argwhere(upwind), np.argwhere(downwind)


def _describe(label, rows, cols, labels, open_cells, grid, drow, dcol):
    xs, ys = grid.centres()
    centreline = np.column_stack([xs[cols], ys[rows]])
    steps = np.hypot(np.diff(rows), np.diff(cols)).sum() * grid.cell_size
    widths = _open_widths(open_cells, rows, cols, dcol, -drow) * grid.cell_size
    return Corridor(
        label=label,
        length_m=float(steps + grid.cell_size),
        width_m=float(np.median(widths)),
        min_width_m=float(widths.min()),
        area_m2=float((labels == label).sum() * grid.cell_area),
        centreline=centreline,
    )


@numba.njit(cache=True)
def _path(traceback, offsets, row, col):
    """The traced path ending at (row, col), upwind first."""
    rows, cols = [row], [col]
    while traceback[row, col] >= 0:
        k = traceback[row, col]
        row -= offsets[k, 0]
        col -= offsets[k, 1]
        rows.append(row)
        cols.append(col)
    return np.array(rows[::-1]), np.array(cols[::-1])


@numba.njit(cache=True)
def _trace_all(traceback, offsets, open_cells, ends, max_blocked, min_span, drow, dcol):
    """Trace every end upwind; keep the paths blocked in at most ``max_blocked`` cells that span ``min_span``
    cells along the wind (drow, dcol). Returns (mask of kept paths, kept ends)."""
    n_rows, n_cols = open_cells.shape
    mask = np.zeros((n_rows, n_cols), np.bool_)
    rows = np.empty(n_rows * n_cols, np.int64)
    cols = np.empty(n_rows * n_cols, np.int64)
    kept = np.zeros(len(ends), np.bool_)
    for e in range(len(ends)):
        row, col = ends[e, 0], ends[e, 1]
        n, blocked = 0, 0
        while True:
            if not open_cells[row, col]:
                blocked += 1
                if blocked > max_blocked:
                    break
            rows[n], cols[n] = row, col
            n += 1
            k = traceback[row, col]
            if k < 0:
                span = (ends[e, 0] - row) * drow + (ends[e, 1] - col) * dcol + 1.0
                kept[e] = span >= min_span
                break
            row -= offsets[k, 0]
            col -= offsets[k, 1]
        if kept[e]:
            for m in range(n):
                mask[rows[m], cols[m]] = True
    return mask, ends[kept]


@numba.njit(cache=True)
def _open_widths(open_cells, rows, cols, prow, pcol):
    """Cells of open ground across the wind (direction ±(prow, pcol)) through each path cell, in cell lengths."""
    n_rows, n_cols = open_cells.shape
    scale = 1.0 / max(abs(prow), abs(pcol))
    step_r, step_c = prow * scale, pcol * scale
    step_len = np.hypot(step_r, step_c)
    widths = np.empty(len(rows))
    for m in range(len(rows)):
        run = 1 if open_cells[rows[m], cols[m]] else 0
        for side in (-1.0, 1.0):
            k = 1
            while True:
                r = int(np.floor(rows[m] + 0.5 + side * k * step_r))
                c = int(np.floor(cols[m] + 0.5 + side * k * step_c))
                if r < 0 or r >= n_rows or c < 0 or c >= n_cols or not open_cells[r, c]:
                    break
                run += 1
                k += 1
        widths[m] = run * step_len
    return widths
