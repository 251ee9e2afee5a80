"""The jobs call the kernels step by step; what they put together is what the kernels give in one call."""

import numpy as np

from digital_twin.sim.corridors import CorridorParameters, corridors
from digital_twin.sim.morphometry import morphometry
from digital_twin.sim.ventilation import rose_corridors
from digital_twin.sim.windrose import seoul_wind_rose
from digital_twin.simulations.layout import layout
from digital_twin.simulations.wind import combine
from tests.sim.scenes import X0, Y0, block_grid, footprints, grid


def test_corridors_one_direction_at_a_time_combine_as_the_wind_rose_kernel_does():
    blocks = block_grid(size=600.0, avenue=(300.0, 360.0))
    morph = morphometry(footprints(blocks, 15.0), grid(600, 600, 20), seoul_wind_rose("spring").directions)
    rose = seoul_wind_rose("spring")
    for weighting in ("frequency", "frequency_speed"):
        whole = rose_corridors(morph, rose, CorridorParameters(), weighting)
        by_direction = {float(d): corridors(morph, d, CorridorParameters()) for d in rose.directions}
        stepped = combine(rose, by_direction, weighting)
        np.testing.assert_array_equal(stepped.potential, whole.potential)
        np.testing.assert_array_equal(stepped.frequency, whole.frequency)
        assert stepped.weighted_length_m() == whole.weighted_length_m()


def test_the_sunlight_grid_grows_by_the_margin_and_the_output_grid_is_a_window_of_it():
    grids = layout((X0 + 3, Y0 + 7, X0 + 598, Y0 + 601), 5.0, margin=100.0)
    assert grids.output.cell_size == grids.compute.cell_size == 5.0
    assert grids.compute.x_min == grids.output.x_min - 100 and grids.compute.y_max == grids.output.y_max + 100
    raster = np.arange(grids.compute.cells, dtype=float).reshape(grids.compute.shape)
    window = grids.crop(raster)
    assert window.shape == grids.output.shape
    row, col = grids.compute.cell_of(grids.output.x_min + 2.5, grids.output.y_max - 2.5)
    assert window[0, 0] == raster[row, col]
