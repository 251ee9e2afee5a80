"""Base city vs scenario: the two sides with the same parameters, the difference maps and the committee's numbers.

Differences come from ``sim.compare`` (scenario minus base): Δλf, Δz0 and Δzd,
corridor cells gained and blocked per wind direction and the corridors
blocked, Δ sun hours, the open ground losing at least ``loss_hours`` and the
open ground newly failing the sunlight-right check (on the check's own day and
hours, whatever the window of the sun hours), and the buildings of the study
area whose ground-floor façades passed in the base city and fail in the
scenario.
``compare.committee_summary`` gives the headline numbers; the buildings are
added by name, and the corridor length blocked for the prevailing wind.
"""

from dataclasses import dataclass, replace

import numpy as np
from django.utils.translation import gettext as _

from ..sim import compare
from .rasters import Layer, Overlay, direction_bands
from .stats import area, by_direction, mean_over, rounded
from .sun import sun_statistics
from .wind import wind_statistics

NONE, KEPT, GAINED, BLOCKED = 0, 1, 2, 3
BASE_SHARE = 0.45  # of the progress: the base side, then the scenario side, then the differences


@dataclass(frozen=True)
class Comparison:
    base: object  # sides.Side
    scenario: object
    morphometry: object | None  # compare.MorphometryDifference
    corridors: dict | None  # direction -> compare.CorridorDifference
    sun: object | None  # compare.SunDifference
    facades: object | None  # compare.FacadeDifference
    summary: dict


def compare_sides(base, scenario, loss_hours):
    """Differences of two ``sides.Side`` computed with the same parameters, and the committee's summary."""
    morphometry = corridors = sun = facades = None
    rose = None
    if base.wind is not None:
        morphometry = compare.morphometry_difference(base.wind.morph, scenario.wind.morph)
        corridors = compare.rose_corridor_difference(base.wind.rose, scenario.wind.rose)
        rose = base.wind.rose.rose
    if base.sun is not None:
        sun = compare.sun_difference(base.sun.hours, scenario.sun.hours, loss_hours)
        if base.sun.rule is not None:
            rule = compare.sun_difference(base.sun.rule, scenario.sun.rule, loss_hours)
            sun = replace(sun, newly_failing=rule.newly_failing, newly_failing_area_m2=rule.newly_failing_area_m2)
        if base.sun.facades is not None and scenario.sun.facades is not None:
            facades = compare.facade_difference(base.sun.facades, scenario.sun.facades)
    summary = compare.committee_summary(sun=sun, facades=facades, corridors=corridors, rose=rose)
    if facades is not None:
        summary["buildings_newly_failing_list"] = base.city.describe(facades.newly_failing_ids)
        summary["new_buildings_failing_list"] = scenario.city.describe(facades.new_failing_ids)
    if corridors is not None:
        summary["prevailing_direction"] = rose.prevailing
        summary["corridor_length_blocked_prevailing_m"] = summary["corridor_length_blocked_m"][str(rose.prevailing)]
        summary["corridors_blocked_count"] = sum(len(c.blocked_corridors) for c in corridors.values())
    return Comparison(base, scenario, morphometry, corridors, sun, facades, summary)


def change_codes(difference, base_mask):
    """Per cell: 0 off corridors, 1 on a corridor in both, 2 gained, 3 blocked."""
    codes = np.where(base_mask & ~difference.blocked, KEPT, NONE)
    codes = np.where(difference.gained, GAINED, codes)
    return np.where(difference.blocked, BLOCKED, codes).astype(np.uint8)


def change_categories():
    return (
        (KEPT, _("corridor in both"), "#6c8ebf"),
        (GAINED, _("corridor gained"), "#2e7d32"),
        (BLOCKED, _("corridor blocked"), "#c62828"),
    )


def comparison_layers(comparison):
    """(wind layers, sun layers) of the differences; each list is empty when that analysis was not compared."""
    wind, sun = [], []
    if comparison.morphometry is not None:
        wind = _wind_layers(comparison)
    if comparison.sun is not None:
        sun = _sun_layers(comparison)
    return wind, sun


def _wind_layers(comparison):
    difference, base_wind = comparison.morphometry, comparison.base.wind
    weights = base_wind.weights()[:, None, None]
    frontal = (difference.frontal * weights).sum(axis=0)
    z0 = (difference.z0 * weights).sum(axis=0)
    rose = base_wind.rose
    directions = rose.rose.directions
    codes = np.stack(
        [change_codes(comparison.corridors[float(d)], rose.by_direction[float(d)].mask) for d in directions]
    )
    prevailing = int(np.argmax(rose.rose.frequencies))
    frequency = comparison.scenario.wind.rose.frequency - rose.frequency
    return [
        Layer("delta_frontal_area_index", difference.frontal, direction_bands("Δλf", directions), units="1",
              overlay=Overlay(frontal, "diverging", "RdBu_r", *_reach(frontal), frontal == 0,
                              label=_("Δλf, weighted by the wind rose"))),
        Layer("delta_roughness_length", difference.z0, direction_bands("Δz0", directions), units="m",
              overlay=Overlay(z0, "diverging", "RdBu_r", *_reach(z0), z0 == 0,
                              label=_("Δz0 (m), weighted by the wind rose"))),
        Layer("delta_displacement_height", difference.zd, units="m"),
        Layer("delta_corridor_frequency", frequency, units="%",
              overlay=Overlay(frequency, "diverging", "RdBu", *_reach(frequency), frequency == 0,
                              label=_("Δ share of the time on a corridor (%)"))),
        Layer("corridor_change", codes, direction_bands("corridor change", directions), units="code",
              overlay=Overlay(codes[prevailing], "categories", hidden=codes[prevailing] == NONE,
                              categories=change_categories(),
                              label=_("prevailing wind from %(d)s°") % {"d": f"{directions[prevailing]:g}"})),
    ]  # fmt: skip


def _sun_layers(comparison):
    """Δ sun hours on open ground (cells under a building in either side are left empty), both sides' sun
    hours, and the open ground newly failing the check."""
    difference = comparison.sun
    either = comparison.base.sun.hours.covered | comparison.scenario.sun.hours.covered
    layers = [
        Layer("delta_sun_hours", np.where(either, np.nan, difference.delta_hours), units="h", nodata=np.nan,
              overlay=Overlay(difference.delta_hours, "diverging", "RdBu", *_reach(difference.delta_hours, either),
                              either, label=_("Δ hours of direct sun"))),
        Layer("base_sun_hours", comparison.base.sun.hours.sun_hours, units="h"),
        Layer("scenario_sun_hours", comparison.scenario.sun.hours.sun_hours, units="h"),
    ]  # fmt: skip
    if difference.newly_failing is not None:
        codes = difference.newly_failing.astype(np.uint8)
        categories = ((1, _("newly failing"), "#c62828"),)
        layers.append(
            Layer("newly_failing", codes, units="1 newly failing",
                  overlay=Overlay(codes, "categories", hidden=codes == 0, categories=categories))
        )  # fmt: skip
    return layers


def comparison_statistics(comparison):
    statistics = {"committee": comparison.summary}
    base, scenario = comparison.base, comparison.scenario
    if comparison.morphometry is not None:
        inside = base.wind_inside
        difference = comparison.morphometry
        cell_area = base.wind.grid.cell_area
        changes = sorted(comparison.corridors.items())
        statistics["wind"] = {
            "base": wind_statistics(base.wind, inside, base.city),
            "scenario": wind_statistics(scenario.wind, inside, scenario.city),
            "delta_frontal_area_index_mean": by_direction(
                difference.directions, [mean_over(f, inside) for f in difference.frontal]
            ),
            "delta_roughness_length_mean_m": by_direction(
                difference.directions, [mean_over(z, inside) for z in difference.z0]
            ),
            "corridor_area_gained_m2": {f"{d:g}": area(c.gained & inside, cell_area) for d, c in changes},
            "corridor_area_blocked_m2": {f"{d:g}": area(c.blocked & inside, cell_area) for d, c in changes},
            "blocked_corridors": {
                f"{d:g}": [rounded(corridor.length_m) for corridor in c.blocked_corridors]
                for d, c in changes
            },
        }  # fmt: skip
    if comparison.sun is not None:
        statistics["sun"] = {
            "base": sun_statistics(base.sun, base.city),
            "scenario": sun_statistics(scenario.sun, scenario.city),
        }
    return statistics


def _reach(array, hidden=None):
    """(−r, r): a symmetric colour scale reaching the largest change shown, so no loss is drawn smaller than it is."""
    values = np.abs(np.asarray(array))
    if hidden is not None:
        values = values[~np.asarray(hidden, dtype=bool)]
    values = values[np.isfinite(values)]
    reach = float(values.max()) if values.size else 0.0
    return -rounded(max(reach, 1e-6)), rounded(max(reach, 1e-6))
