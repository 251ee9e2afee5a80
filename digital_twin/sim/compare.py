"""Base city vs scenario: difference maps and the few numbers a committee reads in a minute.

Pure functions over two results computed on the same grid with the same
parameters (scenario minus base throughout):

* morphometry — Δλp, Δλf and Δz0 per direction, Δzd;
* corridors — cells gained and blocked, and corridors blocked or new: a base
  corridor is blocked when less than ``keep_share`` of its cells still lie on a
  scenario corridor (a corridor is a path across the whole study area, so a
  tower that cuts it blocks its whole length); a scenario corridor is new when
  less than ``keep_share`` of it was on a base corridor;
* sun — Δ sun hours, the area losing at least ``loss_hours``, the cells that
  newly fail the sunlight rule; cells under a building in either result are
  left out (the ground under a new tower is not a neighbour losing sun);
* façades — buildings that passed the rule in the base and fail in the
  scenario (by building id; buildings only in the scenario are listed apart).
"""

from dataclasses import dataclass

import numpy as np

from digital_twin.sim.errors import InvalidGrid, SimulationInputError
from digital_twin.sim.grid import require_same_grid

KEEP_SHARE = 0.5
LOSS_HOURS = 1.0


@dataclass(frozen=True)
class MorphometryDifference:
    directions: np.ndarray
    plan: np.ndarray  # Δλp
    frontal: np.ndarray  # Δλf, (D, rows, cols)
    z0: np.ndarray  # Δz0, m, (D, rows, cols)
    zd: np.ndarray  # Δzd, m


@dataclass(frozen=True)
class CorridorDifference:
    direction: float
    gained: np.ndarray  # bool: on a scenario corridor, not on a base one
    blocked: np.ndarray  # bool: on a base corridor, not on a scenario one
    potential: np.ndarray  # Δ corridor potential
    blocked_corridors: tuple  # base Corridor objects
    new_corridors: tuple  # scenario Corridor objects

    @property
    def blocked_length_m(self):
        return float(sum(c.length_m for c in self.blocked_corridors))

    @property
    def new_length_m(self):
        return float(sum(c.length_m for c in self.new_corridors))


@dataclass(frozen=True)
class SunDifference:
    delta_hours: np.ndarray  # Δ sun hours
    losing: np.ndarray  # bool: open ground losing ≥ loss_hours
    loss_hours: float
    area_losing_m2: float
    newly_failing: np.ndarray | None  # bool: open ground passing the rule in the base, failing in the scenario
    newly_failing_area_m2: float


@dataclass(frozen=True)
class FacadeDifference:
    newly_failing_ids: np.ndarray  # in both, passed in the base, fail in the scenario
    newly_passing_ids: np.ndarray
    new_failing_ids: np.ndarray  # buildings only in the scenario that fail


def morphometry_difference(base, scenario):
    require_same_grid(base.grid, scenario.grid)
    if not np.array_equal(base.directions, scenario.directions):
        raise InvalidGrid("base and scenario morphometry were computed for different wind directions")
    return MorphometryDifference(
        directions=base.directions,
        plan=scenario.plan - base.plan,
        frontal=scenario.frontal - base.frontal,
        z0=scenario.z0 - base.z0,
        zd=scenario.zd - base.zd,
    )


def corridor_difference(base, scenario, keep_share=KEEP_SHARE):
    require_same_grid(base.grid, scenario.grid)
    if base.direction != scenario.direction:
        raise InvalidGrid(f"corridors for {base.direction}° and {scenario.direction}° cannot be compared")
    if base.parameters != scenario.parameters:
        raise SimulationInputError("base and scenario corridors were extracted with different parameters")
    return CorridorDifference(
        direction=base.direction,
        gained=scenario.mask & ~base.mask,
        blocked=base.mask & ~scenario.mask,
        potential=scenario.potential - base.potential,
        blocked_corridors=_lost(base, scenario.mask, keep_share),
        new_corridors=_lost(scenario, base.mask, keep_share),
    )


def rose_corridor_difference(base, scenario, keep_share=KEEP_SHARE):
    """Per direction of two ``RoseCorridors``: {direction: CorridorDifference}."""
    if set(base.by_direction) != set(scenario.by_direction):
        raise InvalidGrid("base and scenario corridors were computed for different wind directions")
    return {
        d: corridor_difference(base.by_direction[d], scenario.by_direction[d], keep_share) for d in base.by_direction
    }


def sun_difference(base, scenario, loss_hours=LOSS_HOURS):
    require_same_grid(base.grid, scenario.grid)
    if base.series.window != scenario.series.window:
        raise SimulationInputError("base and scenario sun hours cover different time windows")
    cell_area = base.grid.cell_area
    open_ground = ~(base.covered | scenario.covered)
    delta = scenario.sun_hours - base.sun_hours
    losing = open_ground & (delta <= -loss_hours)
    newly_failing = None
    if base.passes is not None and scenario.passes is not None:
        newly_failing = open_ground & base.passes & ~scenario.passes
    return SunDifference(
        delta_hours=delta,
        losing=losing,
        loss_hours=float(loss_hours),
        area_losing_m2=float(losing.sum() * cell_area),
        newly_failing=newly_failing,
        newly_failing_area_m2=0.0 if newly_failing is None else float(newly_failing.sum() * cell_area),
    )


def facade_difference(base, scenario):
    before = dict(zip(base.building_ids.tolist(), base.building_passes.tolist(), strict=True))
    after = dict(zip(scenario.building_ids.tolist(), scenario.building_passes.tolist(), strict=True))
    both = sorted(set(before) & set(after))
    return FacadeDifference(
        newly_failing_ids=np.array([b for b in both if before[b] and not after[b]], dtype=np.int64),
        newly_passing_ids=np.array([b for b in both if after[b] and not before[b]], dtype=np.int64),
        new_failing_ids=np.array(sorted(b for b in set(after) - set(before) if not after[b]), dtype=np.int64),
    )


def committee_summary(*, sun=None, facades=None, corridors=None, rose=None):
    """The headline numbers as a JSON-ready dict; pass whichever differences were computed.

    ``corridors``: {direction: CorridorDifference}; with ``rose`` (a ``WindRose``) the blocked length is
    also weighted by how often each direction blows.
    """
    summary = {}
    if sun is not None:
        summary["loss_threshold_hours"] = sun.loss_hours
        summary["area_losing_sun_m2"] = sun.area_losing_m2
        summary["max_sun_loss_hours"] = float(max(0.0, -sun.delta_hours.min()))
        summary["area_newly_failing_sunlight_rule_m2"] = sun.newly_failing_area_m2
    if facades is not None:
        summary["buildings_newly_failing"] = facades.newly_failing_ids.tolist()
        summary["buildings_newly_failing_count"] = len(facades.newly_failing_ids)
        summary["new_buildings_failing"] = facades.new_failing_ids.tolist()
    if corridors is not None:
        summary["corridor_length_blocked_m"] = {str(d): c.blocked_length_m for d, c in sorted(corridors.items())}
        summary["corridor_length_new_m"] = {str(d): c.new_length_m for d, c in sorted(corridors.items())}
        if rose is not None:
            frequency = dict(zip((float(d) for d in rose.directions), rose.frequencies, strict=True))
            summary["corridor_length_blocked_rose_weighted_m"] = float(
                sum(frequency[d] / 100.0 * c.blocked_length_m for d, c in corridors.items())
            )
    return summary


def _lost(result, other_mask, keep_share):
    """Corridors of ``result`` of which less than ``keep_share`` lies on ``other_mask``."""
    lost = []
    for corridor in result.corridors:
        cells = result.labels == corridor.label
        if other_mask[cells].mean() < keep_share:
            lost.append(corridor)
    return tuple(lost)
