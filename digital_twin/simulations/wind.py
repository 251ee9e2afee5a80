"""Wind: urban morphometry and the ventilation corridors of a wind rose, step by step, with their layers and numbers.

Morphometry is one kernel call (λp, heights, λf and z0 for every direction,
zd). Corridors are extracted one wind direction at a time, so the run reports
progress and can be cancelled between directions, and are then combined by the
rose exactly as ``sim.ventilation.rose_corridors`` does (a test holds the two
equal). For the corridors kind the morphometry directions are the rose's.
"""

from dataclasses import dataclass

import numpy as np
from django.utils.translation import gettext as _

from ..sim.corridors import CorridorParameters, corridors
from ..sim.morphometry import morphometry
from ..sim.ventilation import RoseCorridors
from .parameters import is_illustrative, rose_of
from .rasters import Layer, Overlay, direction_bands
from .stats import area, by_direction, extremes, mean_over, rounded

MORPHOMETRY_SHARE = 0.3  # of a corridors run's progress


@dataclass(frozen=True)
class WindOutcome:
    grid: object
    morph: object  # sim.morphometry.Morphometry
    rose: RoseCorridors | None
    parameters: dict

    def weights(self):
        """Weights of the morphometry directions for the one-map summaries: the rose's, or equal."""
        if self.rose is None:
            return np.full(len(self.morph.directions), 1.0 / len(self.morph.directions))
        return self.rose.rose.weights(self.rose.weighting)


def compute_wind(city, grid, parameters, reporter, with_corridors):
    """Morphometry (and corridors) of ``city`` (``buildings.CityBuildings``) on ``grid``."""
    rose = rose_of(parameters["wind_rose"]) if with_corridors else None
    reporter.step("morphometry", 0.0)
    directions = rose.directions if rose is not None else parameters["directions"]
    morph = morphometry(city.footprints, grid, directions, method=parameters["method"])
    if rose is None:
        return WindOutcome(grid, morph, None, parameters)
    settings = CorridorParameters(method=parameters["corridor_method"])
    by_dir = {}
    for index, direction in enumerate(rose.directions):
        share = MORPHOMETRY_SHARE + (1 - MORPHOMETRY_SHARE) * index / len(rose.directions)
        reporter.step(f"corridors:{float(direction):g}", share)
        by_dir[float(direction)] = corridors(morph, direction, settings)
    return WindOutcome(grid, morph, combine(rose, by_dir, parameters["weighting"]), parameters)


def combine(rose, by_dir, weighting):
    """Corridors computed one direction at a time, combined by the rose as ``rose_corridors`` combines them."""
    results = [by_dir[float(d)] for d in rose.directions]
    potential = sum(w * r.potential for w, r in zip(rose.weights(weighting), results, strict=True))
    frequency = sum(f * r.mask for f, r in zip(rose.frequencies, results, strict=True))
    return RoseCorridors(rose, weighting, by_dir, potential, np.asarray(frequency, dtype=np.float64))


def wind_layers(outcome):
    """The result layers of a wind outcome (morphometry, and corridors when computed)."""
    morph, rasters = outcome.morph, outcome.morph.rasters
    weights = outcome.weights()[:, None, None]
    empty = morph.plan <= 0
    frontal_mean = (morph.frontal * weights).sum(axis=0)
    z0_mean = (morph.z0 * weights).sum(axis=0)
    layers = [
        Layer("plan_area_index", morph.plan, units="1",
              overlay=Overlay(morph.plan, "sequential", "YlOrBr", 0.0, 1.0, empty, label="λp")),
        Layer("heights", np.stack([rasters.weighted_mean_height, rasters.height_std, rasters.max_height,
                                   rasters.mean_height]),
              bands=("area-weighted mean height zH", "height standard deviation σH", "maximum height",
                     "mean height"), units="m"),
        Layer("frontal_area_index", morph.frontal, direction_bands("λf", morph.directions), units="1",
              overlay=Overlay(frontal_mean, "sequential", "viridis", 0.0, _top(frontal_mean), empty,
                              label=_("λf, mean over the wind directions"))),
        Layer("roughness_length", morph.z0, direction_bands("z0", morph.directions), units="m",
              overlay=Overlay(z0_mean, "sequential", "cividis", 0.0, _top(z0_mean), empty,
                              label=_("z0 (m), mean over the wind directions"))),
        Layer("displacement_height", morph.zd, units="m",
              overlay=Overlay(morph.zd, "sequential", "Purples", 0.0, _top(morph.zd), empty, label="zd (m)")),
    ]  # fmt: skip
    if outcome.rose is not None:
        rose = outcome.rose
        masks = np.stack([rose.by_direction[float(d)].mask for d in rose.rose.directions]).astype(np.uint8)
        layers += [
            Layer("corridor_frequency", rose.frequency, units="%",
                  overlay=Overlay(rose.frequency, "sequential", "GnBu", 0.0, _top(rose.frequency, 1.0),
                                  rose.frequency <= 0, label=_("share of the time on a corridor (%)"))),
            Layer("corridor_potential", rose.potential, units="1",
                  overlay=Overlay(rose.potential, "sequential", "YlGn", 0.0, 1.0, label=_("corridor potential"))),
            Layer("corridors", masks, direction_bands("corridor", rose.rose.directions), units="1", nodata=255),
        ]  # fmt: skip
    return layers


def wind_statistics(outcome, inside, city):
    morph, rasters = outcome.morph, outcome.morph.rasters
    built = inside & (morph.plan > 0)
    statistics = {
        "buildings_in_study_area": int(city.in_area.sum()),
        "plan_area_index_mean": mean_over(morph.plan, inside),
        "area_weighted_mean_height_m": mean_over(rasters.weighted_mean_height, built),
        "max_height_m": rounded(rasters.max_height[inside].max()) if inside.any() else None,
        "frontal_area_index_mean": by_direction(morph.directions, [mean_over(f, inside) for f in morph.frontal]),
        "roughness_length_mean_m": by_direction(morph.directions, [mean_over(z, inside) for z in morph.z0]),
        "displacement_height_m": extremes(morph.zd, built),
        "roughness_method": morph.method,
    }
    if outcome.rose is not None:
        statistics["corridors"] = corridor_statistics(outcome.rose, inside, outcome.parameters["wind_rose"])
    return statistics


def corridor_statistics(rose, inside, rose_parameters):
    cell_area = rose.grid.cell_area
    directions = {}
    for direction, result in rose.by_direction.items():
        directions[f"{direction:g}"] = {
            "count": len(result.corridors),
            "total_length_m": rounded(result.total_length_m),
            "corridors": [
                {"length_m": rounded(c.length_m), "width_m": rounded(c.width_m),
                 "min_width_m": rounded(c.min_width_m), "area_m2": rounded(c.area_m2)}
                for c in result.corridors
            ],
        }  # fmt: skip
    return {
        "by_direction": directions,
        "weighted_length_m": rounded(rose.weighted_length_m()),
        "area_on_a_corridor_m2": area(inside & (rose.frequency > 0), cell_area),
        "mean_frequency_pct": mean_over(rose.frequency, inside),
        "prevailing_direction": rounded(rose.rose.prevailing),
        "weighting": rose.weighting,
        "wind_rose": {**rose_parameters, "illustrative": is_illustrative(rose_parameters)},
    }


def _top(array, floor=1e-6):
    """The upper end of a colour scale: the 99th percentile of the positive values (outliers saturate)."""
    positive = np.asarray(array)[np.asarray(array) > 0]
    return rounded(max(float(np.percentile(positive, 99)) if positive.size else 0.0, floor))
