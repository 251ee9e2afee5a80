"""The committee's one-page report of a comparison: the headline numbers, maps and the wind rose, as one HTML file.

The file stands alone (figures embedded as PNG data, styles inline), so it can
be mailed or archived with the decision; its print style fits one A4 page,
so "print to PDF" in a browser gives the committee's paper. It is written in
the language of the planner who launched the run.
"""

import base64

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from .figures import map_figure, wind_rose_figure
from .labels import title, with_use_labels
from .parameters import defaults_status, is_illustrative


def data_uri(png):
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def report_figures(comparison, layers):
    """(caption, data URI) of the maps of the report: Δ sun hours, newly failing, corridor change, wind rose."""
    by_name = {layer.name: layer for layer in layers if layer.overlay is not None}
    figures = []
    for name, side in (("delta_sun_hours", "sun"), ("newly_failing", "sun"), ("corridor_change", "wind")):
        if name not in by_name:
            continue
        base, scenario = comparison.base, comparison.scenario
        grid = base.sun.hours.grid if side == "sun" else base.wind.grid
        outlines = ((base.city.geometries, "#555555"), (scenario.city.added(), "#1f5fbf"))
        overlay = by_name[name].overlay
        caption = title(name) + (f" — {overlay.label}" if name == "corridor_change" else "")
        figures.append((caption, data_uri(map_figure(overlay, grid, outlines))))
    if comparison.base.wind is not None:
        rose = comparison.base.wind.parameters["wind_rose"]
        caption = _("Wind rose “%(name)s”") % {"name": rose["name"]}
        figures.append((caption, data_uri(wind_rose_figure(rose, caption))))
    return figures


def render_report(run, comparison, statistics, layers):
    """The report's HTML (a string)."""
    parameters = run.parameters
    rose = parameters.get("wind", {}).get("wind_rose")
    context = {
        "run": run,
        "summary": comparison.summary,
        "statistics": statistics,
        "figures": report_figures(comparison, layers),
        "wind": parameters.get("wind"),
        "sun": parameters.get("sun"),
        "loss_hours": parameters["loss_hours"],
        "illustrative": rose is not None and is_illustrative(rose),
        "defaults_status": defaults_status(),
        "inputs": statistics["inputs"],
        "newly_failing": with_use_labels(comparison.summary.get("buildings_newly_failing_list", [])),
        "new_failing": comparison.summary.get("new_buildings_failing_list", []),
    }
    return render_to_string("digital_twin/simulations/report.html", context)
