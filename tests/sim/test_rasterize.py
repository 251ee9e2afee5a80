"""Building rasters: exact plan-area fractions against polygon clipping, height statistics, the dominant building."""

import numpy as np
import pytest
import shapely

from digital_twin.sim.errors import EmptyBuildings, InvalidBuildings
from digital_twin.sim.footprints import Footprints
from digital_twin.sim.grid import Grid
from digital_twin.sim.rasterize import rasterize

from .scenes import X0, Y0, box, footprints, grid


def clipped_fractions(polygons, g):
    """Per cell, the area of each polygon inside it, by shapely (GEOS) clipping, over the cell area."""
    xs = g.x_min + np.arange(g.n_cols) * g.cell_size
    ys = g.y_max - np.arange(g.n_rows) * g.cell_size
    cells = shapely.box(xs[None, :], ys[:, None] - g.cell_size, xs[None, :] + g.cell_size, ys[:, None])
    return np.array([shapely.area(shapely.intersection(cells, p)) / g.cell_area for p in polygons])


def test_plan_fraction_is_exact_for_circles_holes_both_orientations_and_multipolygons():
    rng = np.random.default_rng(3)
    polygons = []
    for k in range(60):
        x, y = rng.uniform(15, 85, 2)
        shape = box(x - 1, y - 1, x + 1, y + 1).centroid.buffer(rng.uniform(2, 12), quad_segs=int(rng.integers(1, 6)))
        if k % 3 == 0:
            shape = shape.difference(shape.centroid.buffer(1.5))  # a courtyard
        if k % 4 == 0:
            shape = shapely.geometry.polygon.orient(shape, -1)  # clockwise exterior
        polygons.append(shape)
    polygons.append(shapely.MultiPolygon([box(1, 1, 4, 4), box(6, 6, 9.5, 8)]))
    g = Grid(X0 - 3.3, Y0 + 103.7, 7.3, 16, 16)  # cell lines cut the shapes anywhere
    reference = clipped_fractions(polygons, g)
    for polygon, expected in zip(polygons, reference, strict=True):
        got = rasterize(footprints([polygon], 10.0), g).plan_fraction
        np.testing.assert_allclose(got, expected, atol=1e-12)
    # all together: fractions add up (these overlap, so λp is capped at 1)
    together = rasterize(footprints(polygons, 10.0), g)
    np.testing.assert_allclose(together.plan_fraction, np.minimum(reference.sum(axis=0), 1.0), atol=1e-12)


def test_a_building_across_the_grid_edge_counts_only_its_inside_part():
    g = grid(100, 100, 10)
    result = rasterize(footprints([box(-15, 45, 5, 51)], 10.0), g)  # 20 m × 6 m, 5 m of its length inside
    assert result.plan_fraction.sum() * g.cell_area == pytest.approx(30.0)
    assert result.plan_fraction[4, 0] == pytest.approx(0.05) and result.plan_fraction[5, 0] == pytest.approx(0.25)


def test_height_statistics_of_two_buildings_sharing_a_cell():
    g = grid(20, 20, 20)
    low, tall = box(0, 0, 10, 10), box(10, 0, 20, 5)  # 100 m² at 10 m, 50 m² at 40 m
    result = rasterize(footprints([low, tall], [10.0, 40.0], ids=[7, 9]), g)
    assert result.plan_fraction[0, 0] == pytest.approx(150 / 400)
    assert result.weighted_mean_height[0, 0] == pytest.approx((100 * 10 + 50 * 40) / 150)
    mean = (100 * 10 + 50 * 40) / 150
    assert result.height_std[0, 0] == pytest.approx(np.sqrt((100 * (10 - mean) ** 2 + 50 * (40 - mean) ** 2) / 150))
    assert result.mean_height[0, 0] == pytest.approx(25.0)
    assert result.max_height[0, 0] == 40.0
    assert result.building_count[0, 0] == 2
    assert result.building_index[0, 0] == 0  # the low building covers more of the cell
    assert result.surface_height[0, 0] == 0.0  # less than half the cell is built


def test_surface_raster_at_fine_cells_follows_the_footprint():
    g = grid(40, 40, 2)
    result = rasterize(footprints([box(10, 10, 30, 20)], 25.0), g)
    built = result.surface_height > 0
    assert built.sum() * g.cell_area == pytest.approx(200.0)
    assert set(np.unique(result.surface_height)) == {0.0, 25.0}
    assert (result.building_index[built] == 0).all() and (result.building_index[~built] == -1).all()


def test_empty_and_invalid_building_sets_are_refused_with_a_reason():
    with pytest.raises(EmptyBuildings, match="no buildings"):
        Footprints.from_shapely([], [])
    with pytest.raises(EmptyBuildings, match="none of the 1 buildings lies inside"):
        rasterize(footprints([box(500, 500, 510, 510)], 10.0), grid(100, 100, 10))
    with pytest.raises(InvalidBuildings, match="height nan"):
        footprints([box(0, 0, 10, 10)], np.nan)
    with pytest.raises(InvalidBuildings, match="height -3.0"):
        footprints([box(0, 0, 10, 10)], -3.0)
    with pytest.raises(InvalidBuildings, match="not LineString"):
        Footprints.from_shapely([shapely.LineString([(0, 0), (1, 1)])], [3.0])
    with pytest.raises(InvalidBuildings, match="2 footprints but 1 heights"):
        Footprints.from_shapely([box(0, 0, 1, 1), box(2, 2, 3, 3)], [3.0])


def test_conversion_in_chunks_gives_the_same_arrays():
    polygons = [box(i * 3, 0, i * 3 + 2, 2) for i in range(25)] + [shapely.Polygon()]
    whole = Footprints.from_shapely(polygons, np.arange(26.0))
    chunked = Footprints.from_shapely(polygons, np.arange(26.0), chunk=4)
    for name in ("coords", "ring_offsets", "part_offsets", "building_offsets", "heights", "ids"):
        np.testing.assert_array_equal(getattr(whole, name), getattr(chunked, name))
    assert whole.building_offsets[-1] - whole.building_offsets[-2] == 0  # the empty geometry keeps its id
