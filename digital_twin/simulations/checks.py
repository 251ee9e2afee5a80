"""What is refused before a run is queued: a grid too large for the resolution, and nothing to simulate.

The size is estimated with ``sim.guards`` for every analysis the run holds
(the sunlight grid includes its shadow margin), and a refusal gives the cells,
the memory and the finest cell size that fits, worded for the planner in the
page's language from the numbers the guard carries.
"""

from django.utils.translation import gettext as _

from mapping.errors import InvalidInput

from ..models import SimulationKind
from ..scenarios.state import metrics
from ..sim import guards
from ..sim.errors import GridTooLarge
from .layout import layout
from .parameters import ParameterError


def analyses(kind, parameters):
    """(guard kind, parameters of that analysis, field prefix) for every analysis of a run."""
    if kind == SimulationKind.MORPHOMETRY:
        return [("morphometry", parameters, "")]
    if kind == SimulationKind.CORRIDORS:
        return [("corridors", parameters, "")]
    if kind == SimulationKind.SUNLIGHT:
        return [("sunlight", parameters, "")]
    wanted = {"wind": "corridors", "sun": "sunlight"}
    return [(wanted[name], parameters[name], f"{name}.") for name in parameters["analyses"]]


def directions(guard_kind, parameters):
    if guard_kind == "morphometry":
        return parameters["directions"]
    if guard_kind == "corridors":
        return len(parameters["wind_rose"]["directions_deg"])
    return 1


def estimates(kind, study_area, parameters):
    """The guard's ``Estimate`` of every analysis (raises ``ParameterError`` on "cell_size" when one is too large)."""
    found = []
    for guard_kind, own, prefix in analyses(kind, parameters):
        grids = layout(study_area.area.extent, own["cell_size"], own.get("margin_m", 0.0))
        try:
            found.append(guards.check_grid(grids.compute, guard_kind, directions(guard_kind, own)))
        except GridTooLarge as exc:
            raise ParameterError(f"{prefix}cell_size", too_large_message(exc, own["cell_size"])) from exc
    return found


def too_large_message(exc, cell_size=None):
    """The guard's refusal in the planner's words: cells, memory, limits and the cell size that would fit."""
    numbers = {
        "cells": f"{exc.cells:,}",
        "memory": _size(exc.bytes_needed),
        "max_cells": f"{exc.max_cells:,}",
        "max_memory": _size(exc.max_bytes),
    }
    if cell_size is None:
        message = _("The study area is too large for these cells: %(cells)s cells needing about %(memory)s of memory "
                    "(the limits are %(max_cells)s cells and %(max_memory)s).") % numbers  # fmt: skip
    else:
        message = _(
            "The study area is too large for %(cell)s m cells: %(cells)s cells needing about %(memory)s of memory "
            "(the limits are %(max_cells)s cells and %(max_memory)s)."
        ) % {**numbers, "cell": f"{cell_size:g}"}
    if exc.suggested_cell_size:
        advice = _("Use cells of %(size)s m or more.") % {"size": f"{exc.suggested_cell_size:g}"}
    else:
        advice = _("Choose a smaller study area.")
    return f"{message} {advice}"


def check_buildings(study_area, scenario):
    """Refuse a study area (or scenario) without any building in it."""
    if metrics(study_area, scenario)["buildings"]:
        return
    if scenario is None:
        raise InvalidInput(_("There are no buildings in the study area “%(area)s”.") % {"area": study_area.name})
    raise InvalidInput(
        _("The scenario “%(scenario)s” has no buildings in its study area: nothing to simulate.")
        % {"scenario": scenario.name}
    )


def _size(n):
    return f"{n / 1024**3:.1f} GB" if n >= 1024**3 else f"{max(n / 1024**2, 0.1):.1f} MB"
