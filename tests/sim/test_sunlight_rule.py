"""The Korean sunlight-right rule (동지 2 h consecutive 09–15 or 4 h total 08–16): boundaries, maps, façades."""

import datetime as dt

import numpy as np
import pytest

from digital_twin.sim.compare import committee_summary, facade_difference, sun_difference
from digital_twin.sim.errors import InvalidTimeWindow
from digital_twin.sim.facades import facade_points
from digital_twin.sim.rasterize import rasterize
from digital_twin.sim.shadows import accumulate
from digital_twin.sim.sunlight import facade_sunlight, sunlight_right
from digital_twin.sim.sunlight_rule import KOREAN_RULE, SunlightRule

from .scenes import box, footprints, grid

SOLSTICE = dt.date(2025, 12, 22)
WINDOW = KOREAN_RULE.window(SOLSTICE)  # 08:00–16:00 in 48 ten-minute intervals


def series(*sunny):
    """A lit series over the rule's window, sunlit in the given ("HH:MM", "HH:MM") spans."""
    lit = np.zeros(WINDOW.count, bool)
    for start, end in sunny:
        lit |= WINDOW.inside(start, end)
    return lit


def verdict(lit):
    weights = np.where(WINDOW.inside(*KOREAN_RULE.total_window), WINDOW.step_minutes, 0)
    total, run = accumulate(lit[:, None], weights, WINDOW.inside(*KOREAN_RULE.run_window))
    return int(total[0]), int(run[0]), bool(KOREAN_RULE.passes(total, run)[0])


def test_the_window_covers_both_of_the_rules_windows():
    assert (WINDOW.start_minute, WINDOW.end_minute, WINDOW.count) == (8 * 60, 16 * 60, 48)
    assert WINDOW.inside("09:00", "15:00").sum() == 36


@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        ((("10:00", "12:00"),), (120, 120, True)),  # exactly two consecutive hours: passes
        ((("10:00", "11:50"),), (110, 110, False)),  # ten minutes short
        ((("08:00", "10:00"),), (120, 60, False)),  # two hours, but only one of them after 09:00
        ((("14:00", "16:00"),), (120, 60, False)),  # and only one before 15:00
        ((("08:00", "09:00"), ("10:00", "11:00"), ("12:00", "13:00"), ("14:00", "15:00")), (240, 60, True)),
        ((("08:00", "09:00"), ("10:00", "11:00"), ("12:00", "13:00"), ("14:00", "14:50")), (230, 60, False)),
        ((("09:00", "10:50"), ("11:00", "12:00")), (170, 110, False)),  # a ten-minute shadow breaks the run
        ((("08:00", "16:00"),), (480, 360, True)),
        ((), (0, 0, False)),
    ],
)
def test_rule_boundaries(spans, expected):
    assert verdict(series(*spans)) == expected


def test_a_rule_whose_windows_do_not_fit_the_step_is_refused():
    with pytest.raises(InvalidTimeWindow, match="does not divide the window"):
        KOREAN_RULE.window(SOLSTICE, step_minutes=7)
    with pytest.raises(InvalidTimeWindow, match="does not fit the rule's window"):
        SunlightRule(run_window=("09:05", "15:00")).window(SOLSTICE, step_minutes=10)


@pytest.fixture(scope="module")
def street():
    """A row of 9 m houses north of an empty lot, at 1 m cells; the scenario puts a 110 m long, 70 m tall slab
    on the lot, 20 m south of the houses."""
    g = grid(200, 200, 1.0)
    houses = [box(20 + 30 * k, 120, 40 + 30 * k, 135) for k in range(6)]
    tower = box(30, 60, 140, 100)
    base = footprints(houses, 9.0, ids=range(100, 106))
    scenario = footprints([*houses, tower], [9.0] * 6 + [70.0], ids=[*range(100, 106), 999])
    return g, base, scenario


def test_a_tower_makes_the_ground_and_the_houses_behind_it_fail(street):
    g, base_fp, scenario_fp = street
    results = {}
    for name, fp in (("base", base_fp), ("scenario", scenario_fp)):
        rasters = rasterize(fp, g)
        cells = sunlight_right(rasters.surface_height, g, SOLSTICE)
        points = facade_points(fp, buildings=np.arange(6))  # the houses' ground-floor façades
        walls = facade_sunlight(rasters.surface_height, rasters.building_index, g, points, SOLSTICE)
        results[name] = cells, walls
    (base_cells, base_walls), (scenario_cells, scenario_walls) = results["base"], results["scenario"]
    assert base_walls.building_passes.all()  # every house has a south façade in the open
    assert list(scenario_walls.building_ids) == list(range(100, 106))
    sun = sun_difference(base_cells, scenario_cells)
    walls = facade_difference(base_walls, scenario_walls)
    # the two houses wholly behind the slab lose every façade; the next one keeps the morning on its east wall
    assert walls.newly_failing_ids.tolist() == [101, 102]
    assert scenario_walls.passing_points[3] < base_walls.passing_points[3]
    assert sun.area_losing_m2 > 2000 and sun.newly_failing_area_m2 > 1000
    assert not sun.losing[scenario_cells.covered].any()  # the tower's own footprint is not counted
    summary = committee_summary(sun=sun, facades=walls)
    assert summary["buildings_newly_failing"] == sorted(walls.newly_failing_ids.tolist())
    assert summary["buildings_newly_failing_count"] == len(walls.newly_failing_ids)
    assert summary["area_losing_sun_m2"] == sun.area_losing_m2 and summary["max_sun_loss_hours"] >= 7.0
