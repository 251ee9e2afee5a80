"""Sunlight: hours of direct sun over a day's window, the sunlight-right check and the ground-floor façades.

Computed on the study area's grid grown by the shadow margin (so that the
buildings around the area cast their shadows into it), with the terrain under
them when a DEM covers the grid, then cropped to the study area's grid. The
check (2 consecutive hours between 09:00 and 15:00, or 4 in total between
08:00 and 16:00) is made on the winter solstice of the chosen date's year;
the façade check puts points 1.5 m above the ground in front of every wall of
the chosen buildings of the study area (residential ones by default) and a
building fails when none of its points passes.
"""

from dataclasses import dataclass, replace

import numpy as np
from django.utils.translation import gettext as _

from ..sim.facades import facade_points
from ..sim.rasterize import rasterize
from ..sim.sunlight import facade_sunlight, sun_hours, sunlight_right
from ..sim.timesteps import TimeWindow
from .buildings import terrain_raster
from .rasters import Layer, Overlay
from .stats import area, extremes, rounded

PASS, FAIL = 1, 0
NODATA = 255


@dataclass(frozen=True)
class SunOutcome:
    layout: object  # layout.Layout
    hours: object  # sim.sunlight.SunResult, cropped to the output grid, outside the study area counted as covered
    rule: object | None  # the same for the sunlight-right check
    facades: object | None  # sim.sunlight.FacadeResult
    terrain: str  # name of the DEM used, "" for flat ground
    parameters: dict


def compute_sun(city, grids, inside, parameters, reporter):
    """Sun hours, the check and façades of ``city`` over the layout ``grids``; cells outside ``inside`` are left
    out of every statistic (they count as covered)."""
    grid = grids.compute
    ground, terrain_name = None, ""
    if parameters["terrain"]:
        reporter.step("terrain", 0.0)
        ground, terrain_name = terrain_raster(grid)
    reporter.step("rasterise", 0.05)
    rasters = rasterize(city.footprints, grid)
    heights = rasters.surface_height
    reporter.step("sun_hours", 0.1)
    window = TimeWindow.of(parameters["date"], parameters["start"], parameters["end"], parameters["step_minutes"])
    shading = {"terrain": ground, "receiver": parameters["receiver"]}
    hours = crop(sun_hours(heights, grid, window, **shading), grids, inside)
    rule = facades = None
    if parameters["sunlight_rule"]:
        reporter.step("sunlight_rule", 0.45)
        checked = sunlight_right(heights, grid, parameters["rule_date"], step_minutes=parameters["step_minutes"],
                                 **shading)  # fmt: skip
        rule = crop(checked, grids, inside)
        chosen = city.chosen(parameters["facades"])
        if len(chosen):
            reporter.step("facades", 0.8)
            points = facade_points(city.footprints, chosen)
            facades = facade_sunlight(
                heights, rasters.building_index, grid, points, parameters["rule_date"], terrain=ground,
                step_minutes=parameters["step_minutes"],
            )  # fmt: skip
    return SunOutcome(grids, hours, rule, facades, terrain_name, parameters)


def crop(result, grids, inside):
    """A ``SunResult`` of the compute grid on the output grid, the cells outside the study area as covered."""
    cut = grids.crop
    passes = None if result.passes is None else cut(result.passes)
    return replace(
        result, grid=grids.output, sun_minutes=cut(result.sun_minutes),
        longest_run_minutes=cut(result.longest_run_minutes), passes=passes, covered=cut(result.covered) | ~inside,
    )  # fmt: skip


def rule_codes(result):
    """The check as a raster: 1 passes, 0 fails, 255 under a building or outside the study area."""
    return np.where(result.covered, NODATA, np.where(result.passes, PASS, FAIL)).astype(np.uint8)


def rule_categories():
    return ((PASS, _("passes"), "#2e7d32"), (FAIL, _("fails"), "#c62828"))


def sun_layers(outcome):
    hours, daylight = outcome.hours, outcome.hours.series.daylight_minutes / 60.0
    layers = [
        Layer("sun_hours", hours.sun_hours, units="h",
              overlay=Overlay(hours.sun_hours, "sequential", "inferno", 0.0, max(daylight, 1e-6), hours.covered,
                              label=_("hours of direct sun"))),
        Layer("longest_sun_run", hours.longest_run_minutes / 60.0, units="h"),
    ]  # fmt: skip
    if outcome.rule is not None:
        codes = rule_codes(outcome.rule)
        layers.append(
            Layer("sunlight_rule", codes, units="1 passes, 0 fails", nodata=NODATA,
                  overlay=Overlay(codes, "categories", hidden=outcome.rule.covered, categories=rule_categories()))
        )  # fmt: skip
    return layers


def sun_statistics(outcome, city):
    hours = outcome.hours
    open_ground = ~hours.covered
    cell_area = hours.grid.cell_area
    whole_hours = np.floor(hours.sun_hours[open_ground] + 1e-9).astype(int)
    statistics = {
        "date": outcome.parameters["date"],
        "window": [outcome.parameters["start"], outcome.parameters["end"]],
        "step_minutes": outcome.parameters["step_minutes"],
        "terrain": outcome.terrain,
        "daylight_hours": rounded(hours.series.daylight_minutes / 60.0),
        "open_ground_m2": area(open_ground, cell_area),
        "sun_hours": extremes(hours.sun_hours, open_ground),
        "area_by_whole_sun_hours_m2": {
            str(h): area(whole_hours == h, cell_area) for h in range(int(whole_hours.max(initial=0)) + 1)
        },
    }
    if outcome.rule is not None:
        passing = open_ground & outcome.rule.passes
        statistics["sunlight_rule"] = {
            "date": outcome.parameters["rule_date"],
            "area_passing_m2": area(passing, cell_area),
            "area_failing_m2": area(open_ground & ~outcome.rule.passes, cell_area),
            "share_passing": rounded(passing.sum() / max(open_ground.sum(), 1)),
        }
    if outcome.facades is not None:
        statistics["facades"] = facade_statistics(outcome.facades, city, outcome.parameters["facades"])
    return statistics


def facade_statistics(facades, city, which):
    failing = ~facades.building_passes
    described = city.describe(facades.building_ids[failing])
    for entry, passing, total in zip(
        described, facades.passing_points[failing], facades.total_points[failing], strict=True
    ):
        entry.update(points_passing=int(passing), points=int(total))
    return {
        "buildings": which,
        "buildings_checked": len(facades.building_ids),
        "buildings_failing_count": len(described),
        "buildings_failing": described,
    }
