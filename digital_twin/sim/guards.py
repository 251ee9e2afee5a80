"""Up-front limits: how many cells and how much memory a request needs, refused before any work starts.

The estimate is per kind of simulation, in bytes per cell, counted from the
arrays each kernel holds at its peak (float64 unless noted):

* morphometry — the rasteriser's 8 accumulators and 5 derived height rasters
  plus temporaries (≈ 140 B) and, per wind direction, λf, z0 and Macdonald's
  temporaries (≈ 40 B);
* corridors — the router's cost, cumulative cost and traceback, its heap and
  the tracing buffers (≈ 80 B) plus, kept per direction, obstruction,
  potential, mask and labels (21 B);
* sunlight — heights, terrain, surface, receiver, the two minute counters and
  the masks (≈ 64 B).

A refused request names the estimate and the finest "round" cell size (from
``NICE_SIZES``) that fits both limits. ``morphometry`` and the sunlight maps
check their grid themselves with the default limits (``limits=`` changes
them); a job can call ``check`` on the study area before loading anything.
"""

from dataclasses import dataclass

from digital_twin.sim.errors import GridTooLarge, InvalidGrid
from digital_twin.sim.grid import Grid

MAX_CELLS = 16_000_000
MAX_BYTES = 2 * 1024**3
NICE_SIZES = (0.5, 1, 2, 2.5, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000)
KINDS = ("morphometry", "corridors", "sunlight")


@dataclass(frozen=True)
class Estimate:
    kind: str
    cell_size: float
    shape: tuple
    cells: int
    bytes: int


def bytes_per_cell(kind, directions=16):
    if kind == "morphometry":
        return 140 + 40 * directions
    if kind == "corridors":
        return 80 + 21 * directions
    if kind == "sunlight":
        return 64
    raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")


def estimate(bounds, cell_size, kind, directions=16):
    """Cells and bytes of one request over ``bounds`` (EPSG:5186 metres) at ``cell_size`` metres."""
    return grid_estimate(Grid.covering(bounds, cell_size), kind, directions)


def grid_estimate(grid, kind, directions=16):
    return Estimate(kind, grid.cell_size, grid.shape, grid.cells, grid.cells * bytes_per_cell(kind, directions))


def check(bounds, cell_size, kind, directions=16, *, max_cells=MAX_CELLS, max_bytes=MAX_BYTES):
    """The estimate when it fits both limits; otherwise ``GridTooLarge`` with a suggested cell size."""
    return check_grid(Grid.covering(bounds, cell_size), kind, directions, max_cells=max_cells, max_bytes=max_bytes)


def check_grid(grid, kind, directions=16, *, max_cells=MAX_CELLS, max_bytes=MAX_BYTES):
    """``check`` for a grid already laid out (the kernels call it before they allocate anything)."""
    if directions < 1:
        raise InvalidGrid(f"at least one wind direction is needed, not {directions}")
    bounds, cell_size = grid.bounds, grid.cell_size
    found = grid_estimate(grid, kind, directions)
    if _fits(found, max_cells, max_bytes):
        return found
    suggestion = next(
        (
            size
            for size in NICE_SIZES
            if size > cell_size and _fits(estimate(bounds, size, kind, directions), max_cells, max_bytes)
        ),
        None,
    )
    width, height = bounds[2] - bounds[0], bounds[3] - bounds[1]
    advice = f"use cells of {suggestion:g} m or more" if suggestion else "choose a smaller study area"
    raise GridTooLarge(
        f"the study area of {width / 1000:.1f} km × {height / 1000:.1f} km at {cell_size:g} m cells is "
        f"{found.cells:,} cells and needs about {_size(found.bytes)} for {kind}"
        f"{f' with {directions} wind directions' if kind != 'sunlight' else ''}; "
        f"the limits are {max_cells:,} cells and {_size(max_bytes)}: {advice}",
        cells=found.cells,
        bytes_needed=found.bytes,
        max_cells=max_cells,
        max_bytes=max_bytes,
        suggested_cell_size=suggestion,
    )


def _fits(found, max_cells, max_bytes):
    return found.cells <= max_cells and found.bytes <= max_bytes


def _size(n):
    return f"{n / 1024**3:.1f} GB" if n >= 1024**3 else f"{n / 1024**2:.0f} MB"
