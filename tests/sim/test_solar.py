"""NOAA solar position against pvlib (NREL SPA) over a year in Seoul; solstice dates; refused instants."""

import datetime as dt

import numpy as np
import pandas as pd
import pvlib
import pytest

from digital_twin.sim.errors import InvalidDate
from digital_twin.sim.solar import atmospheric_refraction, solar_position, utc_instants, winter_solstice

from .scenes import SEOUL


def year_of_times():
    """Every 37 minutes through 2025 in Seoul time: all hours of the day, every day of the year."""
    return pd.date_range("2025-01-01", "2026-01-01", freq="37min", tz="Asia/Seoul", inclusive="left")


def angle_gap(a, b):
    return np.abs((np.asarray(a) - np.asarray(b) + 180.0) % 360.0 - 180.0)


def test_noaa_agrees_with_pvlib_within_0_05_degrees_over_a_year_in_seoul():
    times = year_of_times()
    latitude, longitude = SEOUL
    reference = pvlib.solarposition.get_solarposition(times, latitude, longitude)  # NREL SPA (nrel_numpy)
    ours = solar_position(times.to_pydatetime(), latitude, longitude, refraction=False)
    assert len(times) > 14_000
    assert angle_gap(ours.elevation, reference["elevation"]).max() < 0.05
    assert angle_gap(ours.azimuth, reference["azimuth"]).max() < 0.05
    day = reference["elevation"].to_numpy() > 0
    assert day.sum() > 6_000
    assert angle_gap(ours.azimuth[day], reference["azimuth"].to_numpy()[day]).max() < 0.05
    # with refraction, where both refraction models are close (above 5°)
    apparent = solar_position(times.to_pydatetime(), latitude, longitude)
    high = reference["apparent_elevation"].to_numpy() > 5
    assert angle_gap(apparent.elevation[high], reference["apparent_elevation"].to_numpy()[high]).max() < 0.05


def test_winter_noon_in_seoul_is_low_in_the_south():
    noon = dt.datetime(2025, 12, 22, 12, 30, tzinfo=dt.timezone(dt.timedelta(hours=9)))
    sun = solar_position([noon], *SEOUL)
    # solar noon at 126.98° E is about 12:30 KST; the sun then stands at 90 − 37.57 − 23.44 ≈ 29°
    assert sun.elevation[0] == pytest.approx(90 - 37.5665 - 23.44 + 0.03, abs=0.15)
    assert sun.azimuth[0] == pytest.approx(180.0, abs=1.5)


def test_refraction_lifts_the_low_sun_by_about_half_a_degree_at_the_horizon():
    assert atmospheric_refraction(0.0) == pytest.approx(1735 / 3600)
    assert atmospheric_refraction(90.0) == 0.0
    assert atmospheric_refraction(10.0) == pytest.approx(0.09, abs=0.01)


def test_winter_solstice_is_the_local_day_of_the_solstice():
    # 2025: 21 Dec 15:03 UTC is 22 Dec 00:03 KST; 2024: 21 Dec 09:20 UTC is 18:20 KST the same day
    assert winter_solstice(2025) == dt.date(2025, 12, 22)
    assert winter_solstice(2025, timezone="UTC") == dt.date(2025, 12, 21)
    assert winter_solstice(2024) == dt.date(2024, 12, 21)
    with pytest.raises(InvalidDate, match="1901–2099"):
        winter_solstice(2150)


def test_instants_without_a_zone_or_outside_the_algorithm_are_refused():
    with pytest.raises(InvalidDate, match="no time zone"):
        utc_instants([dt.datetime(2025, 12, 22, 9, 0)])
    with pytest.raises(InvalidDate, match="covers 1901–2099"):
        solar_position(np.array(["2101-06-01T00:00"], "datetime64[us]"), *SEOUL)
    kst = dt.datetime(2025, 6, 1, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=9)))
    assert utc_instants([kst])[0] == np.datetime64("2025-06-01T00:00")
