"""Shadows and sun hours: shadow length h / tan(e), unobstructed cells get the daylight, façades face the sun."""

import datetime as dt

import numpy as np
import pandas as pd
import pvlib
import pytest

from digital_twin.sim.facades import facade_points
from digital_twin.sim.rasterize import rasterize
from digital_twin.sim.shadows import shadow_margin, shadow_masks
from digital_twin.sim.sunlight import facade_sunlight, sun_hours
from digital_twin.sim.timesteps import TimeWindow

from .scenes import box, footprints, grid

CELL = 1.0
HEIGHT = 30.0
SUNS = [(30.0, 180.0), (30.0, 135.0), (45.0, 200.0), (20.0, 90.0), (15.0, 300.0), (60.0, 10.0), (25.0, 247.0)]
# the winter window of the rule, one with the sunrise in it, a summer day, a whole day
WINDOWS = [
    ("2025-12-22", "08:00", "16:00"),
    ("2025-12-22", "06:00", "10:00"),
    ("2025-06-21", "04:00", "21:00"),
    ("2025-12-22", "00:00", "24:00"),
]


@pytest.fixture(scope="module")
def tower():
    """One 20 m × 20 m, 30 m tall building in the middle of a 400 m square at 1 m cells."""
    g = grid(400, 400, CELL)
    fp = footprints([box(190, 190, 210, 210)], HEIGHT)
    return g, fp, rasterize(fp, g)


@pytest.mark.parametrize(("elevation", "azimuth"), SUNS)
def test_shadow_of_an_isolated_building_is_h_over_tan_elevation_long(tower, elevation, azimuth):
    g, _, rasters = tower
    heights = rasters.surface_height
    shaded = shadow_masks(heights, g, [elevation], [azimuth])[0]
    xs, ys = g.centres()
    x, y = np.meshgrid(xs, ys)
    away = np.array([-np.sin(np.radians(azimuth)), -np.cos(np.radians(azimuth))])  # from the sun, on the ground
    reach = x * away[0] + y * away[1]
    ground = heights == 0
    corners = np.array(box(190, 190, 210, 210).exterior.coords)
    length = reach[shaded & ground].max() - (corners @ away).max()  # from the footprint's far corner
    assert length == pytest.approx(HEIGHT / np.tan(np.radians(elevation)), abs=CELL)
    # nothing on the sun's side of the building is shaded
    assert not (shaded & ground & (reach < reach[heights > 0].min())).any()


def test_no_shadow_when_the_sun_is_down_means_no_sun(tower):
    g, _, rasters = tower
    assert shadow_masks(rasters.surface_height, g, [-1.0], [180.0])[0].all()


def daylight_hours(date, start, end):
    """Hours of the window between sunrise and sunset, from pvlib's (NREL SPA) sunrise and sunset."""
    day = pd.DatetimeIndex([pd.Timestamp(date, tz="Asia/Seoul")])
    times = pvlib.solarposition.sun_rise_set_transit_spa(day, 37.5665, 126.978).iloc[0]
    midnight = pd.Timestamp(date, tz="Asia/Seoul")
    open_at = max(midnight + pd.Timedelta(f"{start}:00"), times["sunrise"])
    close_at = min(midnight + pd.Timedelta(f"{end}:00"), times["sunset"])
    return max(0.0, (close_at - open_at).total_seconds() / 3600)


@pytest.mark.parametrize(("date", "start", "end"), WINDOWS)
def test_an_unobstructed_cell_gets_the_daylight_hours_of_the_window(tower, date, start, end):
    g, _, rasters = tower
    window = TimeWindow.of(date, start, end, step_minutes=10)
    result = sun_hours(rasters.surface_height, g, window)
    south = g.cell_of(g.x_min + 200, g.y_min + 20)  # 170 m south of the tower: nothing between it and the sun
    assert result.sun_hours[south] == pytest.approx(daylight_hours(date, start, end), abs=10 / 60)
    assert result.sun_minutes[south] == result.series.daylight_minutes
    north = g.cell_of(g.x_min + 200, g.y_min + 215)  # just north of the tower
    assert result.sun_minutes[north] < result.sun_minutes[south]
    roof = g.cell_of(g.x_min + 200, g.y_min + 200)
    assert result.covered[roof] and result.sun_minutes[roof] == result.series.daylight_minutes  # the roof's sun
    under = sun_hours(rasters.surface_height, g, window, receiver="ground")
    assert under.sun_minutes[roof] == 0 and under.sun_minutes[south] == result.sun_minutes[south]


def test_terrain_casts_shadows_and_lifts_the_lit_point():
    g = grid(200, 100, 2)
    hill = np.zeros(g.shape)
    hill[:, 60:] = 20.0  # a 20 m step up, east of x = 120 m
    morning = shadow_masks(np.zeros(g.shape), g, [10.0], [90.0], receiver=None)[0]
    assert not morning.any()
    from_terrain = shadow_masks(hill, g, [10.0], [90.0])[0]
    shade = 20.0 / np.tan(np.radians(10.0))  # 113 m of shadow west of the step
    columns = np.flatnonzero(from_terrain[0])
    assert not from_terrain[:, 60:].any() and (60 - columns.min()) * 2 == pytest.approx(shade, abs=2)
    assert shadow_margin(20.0, 10.0) == pytest.approx(shade)


def test_south_facade_gets_the_winter_sun_and_the_north_facade_none(tower):
    g, fp, rasters = tower
    points = facade_points(fp, spacing=5.0)
    assert points.count == 16  # four points on each 20 m wall
    result = facade_sunlight(rasters.surface_height, rasters.building_index, g, points, dt.date(2025, 12, 22))
    faces = {
        "south": points.ny < -0.9,
        "north": points.ny > 0.9,
        "east": points.nx > 0.9,
        "west": points.nx < -0.9,
    }
    minutes = {name: set(result.sun_minutes[mask]) for name, mask in faces.items()}
    assert minutes["south"] == {480} and minutes["north"] == {0}  # 08:00–16:00 in full, and never
    assert all(0 < m < 480 for face in ("east", "west") for m in minutes[face])
    assert result.passes[faces["south"]].all() and not result.passes[faces["north"]].any()
    assert list(result.building_ids) == [0] and result.building_passes.all()
