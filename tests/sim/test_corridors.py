"""Ventilation corridors: a wide street along the wind is found, and a tower across it blocks it."""

import numpy as np
import pytest

from digital_twin.sim.compare import committee_summary, corridor_difference, rose_corridor_difference
from digital_twin.sim.corridors import CorridorParameters, corridors, edge_cells, extract_corridors, flow
from digital_twin.sim.errors import InvalidGrid, SimulationInputError
from digital_twin.sim.grid import Grid
from digital_twin.sim.morphometry import morphometry
from digital_twin.sim.ventilation import rose_corridors
from digital_twin.sim.windrose import WindRose

from .scenes import X0, block_grid, box, footprints, grid

CELL = 20.0
TOWER = box(600, 580, 660, 640)  # 60 m × 60 m across the avenue, halfway down


@pytest.fixture(scope="module")
def city():
    """1.2 km of 90 m blocks with 10 m streets and one 60 m north–south avenue (x = 600–660 m), at 20 m cells."""
    blocks = block_grid()
    g = grid(1200, 1200, CELL)
    base = morphometry(footprints(blocks, 15.0), g, 16)
    scenario = morphometry(footprints([*blocks, TOWER], [15.0] * len(blocks) + [80.0]), g, 16)
    return base, scenario


def test_the_avenue_along_the_wind_is_the_one_corridor(city):
    base, _ = city
    result = corridors(base, 0.0)  # a northerly: the wind runs down the avenue
    assert len(result.corridors) == 1
    avenue = result.corridors[0]
    assert avenue.length_m == pytest.approx(1200.0)  # from the north edge to the south edge
    assert avenue.width_m == pytest.approx(60.0) and avenue.min_width_m == pytest.approx(60.0)
    assert avenue.area_m2 == pytest.approx(1200.0 * 60.0)
    assert np.all((avenue.centreline[:, 0] > X0 + 600) & (avenue.centreline[:, 0] < X0 + 660))
    assert avenue.centreline[0, 1] > avenue.centreline[-1, 1]  # listed upwind (north) first
    assert result.potential[:, 31].min() == 1.0  # open ground: full potential
    assert result.potential[:, 10].max() < 0.7  # a column of blocks and narrow streets


def test_winds_across_the_avenue_find_no_corridor_and_a_southerly_finds_it_again(city):
    base, _ = city
    assert corridors(base, 90.0).corridors == ()  # easterly: 10 m streets at 20 m cells are never open
    assert corridors(base, 45.0).corridors == ()  # the avenue is not a straight run for a north-easterly
    southerly = corridors(base, 180.0)
    assert (
        len(southerly.corridors) == 1
        and southerly.corridors[0].centreline[0, 1] < southerly.corridors[0].centreline[-1, 1]
    )


def test_a_tower_across_the_avenue_blocks_it_in_the_scenario_diff(city):
    base, scenario = city
    before, after = corridors(base, 0.0), corridors(scenario, 0.0)
    assert after.corridors == ()
    diff = corridor_difference(before, after)
    assert diff.blocked_length_m == pytest.approx(1200.0)
    assert diff.new_length_m == 0.0 and not diff.gained.any()
    assert diff.blocked.sum() == before.mask.sum()  # the whole avenue, not only the tower's cells
    rows, cols = base.grid.cell_of(X0 + 630, base.grid.y_max - 610)
    assert diff.potential[rows, cols] <= -0.5  # the tower's cell lost half its potential or more
    summary = committee_summary(corridors={0.0: diff})
    assert summary["corridor_length_blocked_m"] == {"0.0": 1200.0}


def test_a_gap_allowance_lets_the_corridor_cross_a_short_obstruction(city):
    _, scenario = city
    lenient = CorridorParameters(max_blocked_m=60.0)  # the tower is 60 m deep: three cells
    assert len(corridors(scenario, 0.0, lenient).corridors) == 1
    assert corridors(scenario, 0.0, CorridorParameters(max_blocked_m=40.0)).corridors == ()


def test_only_like_with_like_is_compared(city):
    base, scenario = city
    with pytest.raises(SimulationInputError, match="different parameters"):
        corridor_difference(corridors(base, 0.0), corridors(scenario, 0.0, CorridorParameters(open_max=0.3)))
    with pytest.raises(InvalidGrid, match="cannot be compared"):
        corridor_difference(corridors(base, 0.0), corridors(scenario, 180.0))


def test_roughness_method_finds_the_same_avenue(city):
    base, _ = city
    result = corridors(base, 0.0, CorridorParameters(method="roughness"))
    assert [c.width_m for c in result.corridors] == [60.0]


def test_wind_rose_weights_each_direction_by_frequency(city):
    base, scenario = city
    rose = WindRose([0.0, 90.0, 180.0], [50.0, 30.0, 10.0], [3.0, 2.0, 1.0], calm=10.0)
    combined = rose_corridors(base, rose)
    on_avenue = combined.by_direction[0.0].mask
    assert combined.frequency[on_avenue] == pytest.approx(np.full(on_avenue.sum(), 60.0))  # N 50 % + S 10 %
    assert (combined.frequency[~on_avenue] == 0).all()
    assert combined.weighted_length_m() == pytest.approx(0.6 * 1200.0)
    weights = np.array([50.0, 30.0, 10.0]) / 90.0
    expected = sum(w * combined.by_direction[d].potential for w, d in zip(weights, (0.0, 90.0, 180.0), strict=True))
    np.testing.assert_allclose(combined.potential, expected)
    by_speed = rose_corridors(base, rose, weighting="frequency_speed")
    assert not np.allclose(by_speed.potential, combined.potential)
    blocked = rose_corridor_difference(combined, rose_corridors(scenario, rose))
    summary = committee_summary(corridors=blocked, rose=rose)
    assert summary["corridor_length_blocked_rose_weighted_m"] == pytest.approx(0.6 * 1200.0)


def test_upwind_and_downwind_edges_follow_the_wind():
    for direction, up, down in ((0.0, "top", "bottom"), (90.0, "right", "left"), (225.0, "bottom+left", "top+right")):
        starts, ends = edge_cells((4, 5), *flow(direction))
        sides = {
            "top": {(0, j) for j in range(5)},
            "bottom": {(3, j) for j in range(5)},
            "left": {(i, 0) for i in range(4)},
            "right": {(i, 4) for i in range(4)},
        }
        assert {tuple(s) for s in starts} == set().union(*(sides[s] for s in up.split("+")))
        assert {tuple(e) for e in ends} == set().union(*(sides[s] for s in down.split("+")))


def test_an_oblique_open_band_is_followed_along_the_wind():
    g = Grid(0.0, 1000.0, 10.0, 100, 100)
    rows, cols = np.indices(g.shape)
    band = np.abs(rows - cols) <= 3  # a 45° open band from north-west to south-east
    result = extract_corridors(np.where(band, 0.0, 1.0), g, 315.0)  # a north-westerly blows along it
    assert len(result.corridors) == 1
    corridor = result.corridors[0]
    assert 1300.0 < corridor.length_m < 1000 * np.sqrt(2) + 10  # the diagonal, less the band's cut corners
    assert 45.0 < corridor.width_m < 75.0  # 7 diagonals of cells: 7 · 10/√2 = 49.5 m, sampled in 14 m steps
    assert extract_corridors(np.where(band, 0.0, 1.0), g, 45.0).corridors == ()  # across the band
