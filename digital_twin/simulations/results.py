"""A run's results from its kind and parameters: the sides computed, their layers and numbers, the files written.

A single run is one side (the base city or the scenario); a comparison is the
base city then the scenario, each on its share of the progress, then their
differences. ``statistics.json`` ends with what the results were computed
from — the parameters, the grids, and the count and SHA-256 digest of each
side's buildings — so a reader can tell two results of the same inputs, and
it carries the defaults file's warning whenever an illustrative wind rose was
used.
"""

from django.utils.translation import gettext as _

from ..models import SimulationKind
from .comparison import BASE_SHARE, compare_sides, comparison_layers, comparison_statistics
from .figures import wind_rose_figure
from .parameters import defaults_status, is_illustrative
from .report import render_report
from .sides import analyses_of, compute_side
from .stats import clean, json_bytes
from .sun import sun_layers, sun_statistics
from .wind import wind_layers, wind_statistics

SIDES_SHARE = 0.9


def produce(run, reporter, outputs):
    """Compute ``run`` (a ``SimulationRun``), write its files through ``outputs``; returns its statistics."""
    analyses = analyses_of(run.kind, run.parameters)
    comparison = None
    if run.kind == SimulationKind.COMPARISON:
        base = compute_side(run.study_area, None, analyses, reporter.part(0.0, BASE_SHARE, "base/"))
        scenario = compute_side(run.study_area, run.scenario, analyses, reporter.part(BASE_SHARE, SIDES_SHARE,
                                                                                    "scenario/"))  # fmt: skip
        reporter.step("differences", SIDES_SHARE)
        comparison = compare_sides(base, scenario, run.parameters["loss_hours"])
        wind, sun = comparison_layers(comparison)
        statistics = comparison_statistics(comparison)
        sides = {"base": base, "scenario": scenario}
    else:
        side = compute_side(run.study_area, run.scenario, analyses, reporter.part(0.0, SIDES_SHARE))
        wind = wind_layers(side.wind) if side.wind is not None else []
        sun = sun_layers(side.sun) if side.sun is not None else []
        statistics = single_statistics(side)
        sides = {"scenario" if run.scenario_id else "base": side}
    reporter.step("outputs", 0.93)
    reference = next(iter(sides.values()))
    if reference.wind is not None:
        outputs.layers(reference.wind.grid, wind)
    if reference.sun is not None:
        outputs.layers(reference.sun.hours.grid, sun)
    rose = rose_parameters(analyses)
    if rose is not None:
        figure = wind_rose_figure(rose, _("Wind rose “%(name)s”") % {"name": rose["name"]})
        outputs.wind_rose = outputs.add("wind_rose.png", figure, "png")
        if is_illustrative(rose):
            statistics["warnings"] = [defaults_status()]
    statistics["inputs"] = inputs(run, sides, reference)
    statistics = clean(statistics)
    outputs.add("statistics.json", json_bytes(statistics), "json")
    if comparison is not None:
        html = render_report(run, comparison, statistics, wind + sun)
        outputs.report = outputs.add("report.html", html.encode("utf-8"), "html")
    return statistics


def single_statistics(side):
    statistics = {}
    if side.wind is not None:
        statistics["wind"] = wind_statistics(side.wind, side.wind_inside, side.city)
    if side.sun is not None:
        statistics["sun"] = sun_statistics(side.sun, side.city)
    return statistics


def rose_parameters(analyses):
    if "wind" not in analyses or not analyses["wind"][1]:
        return None
    return analyses["wind"][0]["wind_rose"]


def inputs(run, sides, reference):
    grids = {}
    if reference.wind is not None:
        grids["wind"] = describe_grid(reference.wind.grid)
    if reference.sun is not None:
        grids["sun"] = {**describe_grid(reference.sun.hours.grid), "computed_on": describe_grid(
            reference.sun.layout.compute)}  # fmt: skip
    return {
        "kind": run.kind,
        "study_area": run.study_area_id,
        "scenario": run.scenario_id,
        "scenario_version": run.scenario_version,
        "parameters": run.parameters,
        "grids": grids,
        "buildings": {
            name: {"count": side.city.footprints.count, "digest": side.city.digest()} for name, side in sides.items()
        },
    }


def describe_grid(grid):
    return {"cell_size_m": grid.cell_size, "rows": grid.n_rows, "columns": grid.n_cols, "bounds": list(grid.bounds),
            "crs": "EPSG:5186"}  # fmt: skip
