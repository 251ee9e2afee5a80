"""Refusals up front with a clear reason: too-large grids, bad dates and windows, wind roses, empty scenarios."""

import datetime as dt
import json

import numpy as np
import pytest

from digital_twin.sim.errors import (
    EmptyBuildings,
    GridTooLarge,
    InvalidDate,
    InvalidGrid,
    InvalidTimeWindow,
    InvalidWindRose,
    SimulationInputError,
)
from digital_twin.sim.facades import facade_points
from digital_twin.sim.grid import Grid
from digital_twin.sim.guards import MAX_BYTES, check, estimate
from digital_twin.sim.morphometry import morphometry
from digital_twin.sim.sunlight import sunlight_right
from digital_twin.sim.timesteps import TimeWindow
from digital_twin.sim.windrose import DEFAULTS, WindRose, seoul_seasons, seoul_wind_rose

from .scenes import box, footprints

SEOUL_BOUNDS = (180_000.0, 535_000.0, 216_000.0, 565_000.0)  # 36 km × 30 km around the city


def test_the_city_at_100_m_fits_and_at_10_m_is_refused_with_the_estimate_and_a_resolution():
    fine = check(SEOUL_BOUNDS, 100.0, "morphometry", 16)
    assert fine.cells == 360 * 300 and fine.bytes < MAX_BYTES
    with pytest.raises(GridTooLarge) as refused:
        check(SEOUL_BOUNDS, 10.0, "morphometry", 16)
    error = refused.value
    assert error.cells == 3600 * 3000 and error.bytes_needed == estimate(SEOUL_BOUNDS, 10.0, "morphometry").bytes
    assert error.suggested_cell_size == 20
    assert check(SEOUL_BOUNDS, error.suggested_cell_size, "morphometry", 16).bytes <= MAX_BYTES
    message = str(error)
    assert "36.0 km × 30.0 km at 10 m" in message and "10,800,000 cells" in message
    assert "use cells of 20 m or more" in message


def test_sunlight_at_half_a_metre_over_the_city_is_refused_on_the_cell_count():
    with pytest.raises(GridTooLarge, match="limits are 16,000,000 cells") as refused:
        check(SEOUL_BOUNDS, 0.5, "sunlight")
    assert refused.value.cells > 16_000_000 and refused.value.suggested_cell_size == 10
    assert check((0, 0, 1000, 1000), 2.0, "sunlight").cells == 250_000


def test_grids_without_cells_are_refused():
    with pytest.raises(InvalidGrid, match="positive"):
        Grid(0.0, 0.0, 0.0, 10, 10)
    with pytest.raises(InvalidGrid, match="no extent"):
        Grid.covering((5.0, 5.0, 5.0, 9.0), 1.0)
    assert Grid.covering((3.0, 4.0, 27.0, 18.0), 10.0) == Grid(0.0, 20.0, 10.0, 2, 3)  # snapped outward


@pytest.mark.parametrize("date", ["2025-02-30", "2025-13-01", "22/12/2025", "2100-12-22", dt.date(1850, 6, 1)])
def test_dates_that_are_not_in_a_year_of_the_algorithm_are_refused(date):
    with pytest.raises(InvalidDate):
        TimeWindow.of(date)


@pytest.mark.parametrize(
    ("start", "end", "step", "reason"),
    [
        ("16:00", "08:00", 10, "ends before it starts"),
        ("08:00", "08:00", 10, "ends before it starts"),
        ("08:00", "16:00", 7, "does not divide"),
        ("08:00", "16:00", 0, "positive whole number"),
        ("08:00", "16:00", 2.5, "positive whole number"),
        ("8 o'clock", "16:00", 10, "not a time of day"),
        ("08:00", "24:30", 10, "between 00:00 and 24:00"),
    ],
)
def test_invalid_time_windows_are_refused(start, end, step, reason):
    with pytest.raises(InvalidTimeWindow, match=reason):
        TimeWindow.of("2025-12-22", start, end, step)


def test_a_whole_day_window_ends_at_24_00_and_samples_interval_midpoints():
    window = TimeWindow.of("2025-12-22", "00:00", "24:00", 60)
    instants = window.midpoints_utc()
    assert window.count == 24 and instants[0] == np.datetime64("2025-12-21T15:30")  # 00:30 KST


def test_wind_roses_must_sum_to_100_percent():
    with pytest.raises(InvalidWindRose, match="sum to 90.0 %") as refused:
        WindRose([0, 90, 180, 270], [30, 30, 20, 10], [2, 2, 2, 2])
    assert refused.value.total_pct == pytest.approx(90.0)
    WindRose([0, 90, 180, 270], [30, 30, 20, 10], [2, 2, 2, 2], calm=10.0)  # calm makes up the rest
    with pytest.raises(InvalidWindRose, match="twice"):
        WindRose([0, 360], [50, 50], [1, 1])
    with pytest.raises(InvalidWindRose, match="negative"):
        WindRose([0, 180], [110, -10], [1, 1])
    with pytest.raises(InvalidWindRose, match="as many"):
        WindRose([0, 180], [100], [1, 1])
    with pytest.raises(InvalidWindRose, match="all calm"):
        WindRose([0], [0.0], [1.0], calm=100.0)
    with pytest.raises(InvalidWindRose, match="malformed"):
        WindRose.from_mapping({"directions_deg": [0]})


def test_seoul_defaults_are_valid_16_point_roses_with_their_sources_written_down():
    assert seoul_seasons() == ["spring", "summer", "autumn", "winter"]
    winter = seoul_wind_rose("winter")
    assert len(winter.directions) == 16 and winter.frequencies.sum() + winter.calm == pytest.approx(100.0)
    assert winter.prevailing == 292.5  # WNW, the winter's most frequent direction
    assert seoul_wind_rose("summer").prevailing == 202.5  # SSW
    document = json.loads(DEFAULTS.read_text(encoding="utf-8"))
    assert "ILLUSTRATIVE" in document["status"] and len(document["sources"]) >= 2
    with pytest.raises(InvalidWindRose, match="no season 'monsoon'"):
        seoul_wind_rose("monsoon")


def test_edited_defaults_that_no_longer_sum_to_100_are_refused(tmp_path):
    document = json.loads(DEFAULTS.read_text(encoding="utf-8"))
    document["seasons"]["winter"]["frequency_pct"][0] += 5.0
    edited = tmp_path / "rose.json"
    edited.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(InvalidWindRose, match="'winter' sum to 105.0 %"):
        seoul_wind_rose("winter", path=edited)


def test_a_scenario_without_buildings_is_refused_before_any_work():
    with pytest.raises(EmptyBuildings):
        footprints([], [])
    with pytest.raises(EmptyBuildings, match="no façade"):
        facade_points(footprints([box(0, 0, 10, 10)], 5.0), buildings=[])
    assert issubclass(EmptyBuildings, SimulationInputError) and issubclass(GridTooLarge, ValueError)


def test_the_kernels_check_their_grid_before_they_allocate_it():
    fp = footprints([box(0, 0, 10, 10)], 5.0)
    city_at_5_m = Grid.covering(SEOUL_BOUNDS, 5.0)
    with pytest.raises(GridTooLarge, match="for morphometry with 16 wind directions"):
        morphometry(fp, city_at_5_m, 16)
    with pytest.raises(GridTooLarge, match="for sunlight"):
        sunlight_right(np.zeros((1, 1)), city_at_5_m, "2025-12-22")
    small = Grid.covering((0, 0, 1000, 1000), 100.0)
    with pytest.raises(GridTooLarge, match="limits are 50 cells"):
        morphometry(fp, small, 16, limits={"max_cells": 50})
