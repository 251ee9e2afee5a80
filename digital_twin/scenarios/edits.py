"""Edits of a scenario: add, change and remove buildings, copy. The base stock is only ever read.

Every edit runs in a transaction that locks the scenario at the version the
client read (``If-Match``) and bumps it, so two planners editing one scenario
never lose each other's work.
"""

from django.db import transaction

from mapping.api.versioning import locked_at_version
from mapping.errors import InvalidInput

from ..models import Building, Scenario, ScenarioBuilding, ScenarioOverride
from ..readers.limits import DEFAULT_STOREY_HEIGHT_M, MAX_FLOORS, MAX_HEIGHT_M


def height_and_floors(height, floors):
    """(height, floors) from either: a height gives floors of a storey height each, floors give a height."""
    if height is None and not floors:
        raise InvalidInput("Give the building's height (m) or its floors above ground.")
    if height is not None and not 0 < height <= MAX_HEIGHT_M:
        raise InvalidInput(f"The height must be over 0 m and at most {MAX_HEIGHT_M:g} m.")
    if floors is not None and not 0 <= floors <= MAX_FLOORS:
        raise InvalidInput(f"Floors above ground must be 0–{MAX_FLOORS}.")
    if height is None:
        height = round(floors * DEFAULT_STOREY_HEIGHT_M, 2)
        if height > MAX_HEIGHT_M:
            raise InvalidInput(f"{floors} floors would be over {MAX_HEIGHT_M:g} m.")
    if not floors:
        floors = max(1, round(height / DEFAULT_STOREY_HEIGHT_M))
    return float(height), int(floors)


def bump(scenario):
    scenario.version += 1
    scenario.save(update_fields=["version", "updated"])
    return scenario


def base_building_in_area(scenario, building_id):
    """The base building, when it stands in the scenario's study area (else 400)."""
    building = Building.objects.filter(pk=building_id).first()
    if building is None or not scenario.study_area.area.intersects(building.footprint.point_on_surface):
        raise InvalidInput(f"Building {building_id} is not in the study area of this scenario.")
    return building


def add_building(scenario_id, expected, *, footprint, height, floors_above, floors_below=0, use="other", name=""):
    height, floors_above = height_and_floors(height, floors_above)
    with transaction.atomic():
        scenario = locked_at_version(Scenario, scenario_id, expected, "scenario")
        added = ScenarioBuilding(
            scenario=scenario, footprint=footprint, height=height, floors_above=floors_above,
            floors_below=floors_below, use=use, name=name,
        )  # fmt: skip
        added.full_clean(exclude=["scenario"])
        added.save()
        return bump(scenario), added


def change_added(scenario_id, expected, added_id, changes):
    with transaction.atomic():
        scenario = locked_at_version(Scenario, scenario_id, expected, "scenario")
        added = ScenarioBuilding.objects.select_for_update().get(pk=added_id, scenario=scenario)
        if "height" in changes or "floors_above" in changes:
            height = changes.pop("height", None)
            floors = changes.pop("floors_above", None)
            added.height, added.floors_above = height_and_floors(height, floors)
        for name, value in changes.items():
            setattr(added, name, value)
        added.full_clean(exclude=["scenario"])
        added.save()
        return bump(scenario), added


def delete_added(scenario_id, expected, added_id):
    with transaction.atomic():
        scenario = locked_at_version(Scenario, scenario_id, expected, "scenario")
        deleted, _ = ScenarioBuilding.objects.filter(pk=added_id, scenario=scenario).delete()
        if not deleted:
            raise ScenarioBuilding.DoesNotExist
        return bump(scenario)


def override_base(scenario_id, expected, building_id, *, removed=False, height=None, floors_above=None):
    """Change the height (and floors) of a base building in this scenario, or remove it from the scenario."""
    with transaction.atomic():
        scenario = locked_at_version(Scenario, scenario_id, expected, "scenario")
        building = base_building_in_area(scenario, building_id)
        values = {"removed": True, "height": None, "floors_above": None}
        if not removed:
            new_height, new_floors = height_and_floors(height, floors_above)
            values = {"removed": False, "height": new_height, "floors_above": new_floors}
        override, _ = ScenarioOverride.objects.update_or_create(scenario=scenario, building=building, defaults=values)
        return bump(scenario), override


def restore_base(scenario_id, expected, building_id):
    with transaction.atomic():
        scenario = locked_at_version(Scenario, scenario_id, expected, "scenario")
        ScenarioOverride.objects.filter(scenario=scenario, building_id=building_id).delete()
        return bump(scenario)


def copy_scenario(scenario, owner, name=None):
    """A new scenario over the same area with the same edits, owned by ``owner``."""
    with transaction.atomic():
        copy = Scenario.objects.create(
            study_area=scenario.study_area, owner=owner, copied_from=scenario,
            name=(name or f"{scenario.name} (copy)")[:200], description=scenario.description,
        )  # fmt: skip
        ScenarioBuilding.objects.bulk_create(
            ScenarioBuilding(
                scenario=copy, footprint=a.footprint, height=a.height, floors_above=a.floors_above,
                floors_below=a.floors_below, use=a.use, name=a.name,
            )
            for a in scenario.added.all()
        )  # fmt: skip
        ScenarioOverride.objects.bulk_create(
            ScenarioOverride(scenario=copy, building_id=o.building_id, removed=o.removed, height=o.height,
                             floors_above=o.floors_above)
            for o in scenario.overrides.all()
        )  # fmt: skip
    return copy
