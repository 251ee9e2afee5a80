"""Same inputs, same outputs: twice in a row and with one or two threads, bit for bit."""

import datetime as dt

import numba
import numpy as np

from digital_twin.sim.corridors import corridors
from digital_twin.sim.facades import facade_points
from digital_twin.sim.morphometry import morphometry
from digital_twin.sim.rasterize import rasterize
from digital_twin.sim.sunlight import facade_sunlight, sunlight_right

from .scenes import block_grid, footprints, grid


def run_all(threads):
    numba.set_num_threads(threads)
    try:
        blocks = block_grid(size=400.0)
        heights = 6.0 + (np.arange(len(blocks)) * 7.0) % 40.0
        fp = footprints(blocks, heights)
        morph = morphometry(fp, grid(400, 400, 20), 16)
        corridor = corridors(morph, 0.0)
        fine = grid(400, 400, 2)
        rasters = rasterize(fp, fine)
        cells = sunlight_right(rasters.surface_height, fine, dt.date(2025, 12, 22))
        walls = facade_sunlight(rasters.surface_height, rasters.building_index, fine, facade_points(fp), "2025-12-22")
        arrays = [morph.plan, morph.frontal, morph.z0, morph.zd, corridor.mask]
        return [*arrays, cells.sun_minutes, cells.longest_run_minutes, walls.sun_minutes]
    finally:
        numba.set_num_threads(numba.config.NUMBA_NUM_THREADS)


def test_same_inputs_give_identical_outputs_whatever_the_thread_count():
    first, again, single = run_all(numba.config.NUMBA_NUM_THREADS), run_all(numba.config.NUMBA_NUM_THREADS), run_all(1)
    assert first[5].max() > first[5].min()  # not a trivial scene: some cells are shaded
    for a, b, c in zip(first, again, single, strict=True):
        assert np.array_equal(a, b) and np.array_equal(a, c)
