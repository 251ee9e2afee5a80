"""``/twin/scenarios``: scenarios over a study area, their edits (If-Match), copies, the delta the 3D view draws,
comparisons and exports."""

from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError

from mapping.api.versioning import if_match_version, locked_at_version, version_parser, with_etag

from ..models import Scenario, ScenarioBuilding, StudyArea
from ..scenarios import edits
from ..scenarios.geometry import geojson_of, planar_polygon
from ..scenarios.state import metrics
from .access import require_owner, require_planner
from .exporting import export_response
from .schemas import AddedIn, AddedPatch, Comparison, OverrideIn, ScenarioCopy, ScenarioIn, ScenarioOut, ScenarioPatch

router = Router()


class ScenarioFilters(Schema):
    study_area: int | None = None


def counted():
    return Scenario.objects.select_related("owner").annotate(
        n_added=Count("added", distinct=True),
        n_changed=Count("overrides", filter=Q(overrides__removed=False), distinct=True),
        n_removed=Count("overrides", filter=Q(overrides__removed=True), distinct=True),
    )


def serialize(scenario_id):
    scenario = counted().get(pk=scenario_id)
    return {
        "id": scenario.pk,
        "study_area": scenario.study_area_id,
        "name": scenario.name,
        "description": scenario.description,
        "owner": scenario.owner.username,
        "copied_from": scenario.copied_from_id,
        "version": scenario.version,
        "added": scenario.n_added,
        "changed": scenario.n_changed,
        "removed": scenario.n_removed,
        "created": scenario.created,
        "updated": scenario.updated,
    }


def answer(response, scenario, status=200):
    with_etag(response, scenario.etag)
    body = serialize(scenario.pk)
    return Status(status, body) if status != 200 else body


def editable(request, scenario_id):
    """(scenario, the version If-Match names) when the caller owns the scenario or is an admin."""
    user = require_planner(request)
    scenario = get_object_or_404(Scenario, pk=scenario_id)
    require_owner(user, scenario, "scenario")
    return scenario, if_match_version(request, version_parser("s", scenario.pk))


@router.get("/scenarios", response=list[ScenarioOut], summary="List scenarios")
def list_scenarios(request, filters: Query[ScenarioFilters]):
    require_planner(request)
    scenarios = Scenario.objects.all()
    if filters.study_area:
        scenarios = scenarios.filter(study_area_id=filters.study_area)
    return [serialize(pk) for pk in scenarios.values_list("pk", flat=True)]


@router.post("/scenarios", response={201: ScenarioOut}, summary="Create a scenario over a study area")
def create_scenario(request, payload: ScenarioIn, response: HttpResponse):
    user = require_planner(request)
    area = StudyArea.objects.filter(pk=payload.study_area).first()
    if area is None:
        raise HttpError(400, f"No study area {payload.study_area}.")
    scenario = Scenario.objects.create(study_area=area, name=payload.name, description=payload.description, owner=user)
    return answer(response, scenario, 201)


@router.get("/scenarios/{int:scenario_id}", response=ScenarioOut, summary="Read a scenario")
def read_scenario(request, scenario_id: int, response: HttpResponse):
    require_planner(request)
    return answer(response, get_object_or_404(Scenario, pk=scenario_id))


@router.patch("/scenarios/{int:scenario_id}", response=ScenarioOut, summary="Rename or describe (If-Match)")
def patch_scenario(request, scenario_id: int, payload: ScenarioPatch, response: HttpResponse):
    scenario, expected = editable(request, scenario_id)
    with transaction.atomic():
        scenario = locked_at_version(Scenario, scenario.pk, expected, "scenario")
        for name, value in payload.dict(exclude_unset=True, exclude_none=True).items():
            setattr(scenario, name, value)
        edits.bump(scenario)
    return answer(response, scenario)


@router.delete("/scenarios/{int:scenario_id}", response={204: None}, summary="Delete a scenario")
def delete_scenario(request, scenario_id: int):
    user = require_planner(request)
    scenario = get_object_or_404(Scenario, pk=scenario_id)
    require_owner(user, scenario, "scenario")
    scenario.delete()
    return Status(204, None)


@router.post("/scenarios/{int:scenario_id}/copy", response={201: ScenarioOut}, summary="Copy a scenario")
def copy_scenario(request, scenario_id: int, payload: ScenarioCopy, response: HttpResponse):
    user = require_planner(request)
    copy = edits.copy_scenario(get_object_or_404(Scenario, pk=scenario_id), user, payload.name)
    return answer(response, copy, 201)


@router.get(
    "/scenarios/{int:scenario_id}/delta", summary="The scenario's added and changed buildings, and base ids to hide"
)
def scenario_delta(request, scenario_id: int, response: HttpResponse):
    """GeoJSON of added and changed buildings (lon/lat, with heights), plus ``hidden``: base building ids that the
    scenario changes or removes, which the 3D view filters out of the base tiles."""
    require_planner(request)
    scenario = get_object_or_404(Scenario, pk=scenario_id)
    features = [
        {"type": "Feature", "id": f"added:{a.pk}", "geometry": geojson_of(a.footprint),
         "properties": {"status": "added", "added_id": a.pk, "height": a.height, "floors": a.floors_above,
                        "use": a.use, "name": a.name}}
        for a in scenario.added.all()
    ]  # fmt: skip
    overrides = scenario.overrides.select_related("building")
    features += [
        {"type": "Feature", "id": f"base:{o.building_id}", "geometry": geojson_of(o.building.footprint),
         "properties": {"status": "changed", "building_id": o.building_id, "height": o.height,
                        "floors": o.floors_above, "use": o.building.use, "name": o.building.name,
                        "base_height": o.building.height}}
        for o in overrides if not o.removed
    ]  # fmt: skip
    with_etag(response, scenario.etag)
    return {
        "type": "FeatureCollection",
        "features": features,
        "hidden": [o.building_id for o in overrides],
        "removed": [o.building_id for o in overrides if o.removed],
        "version": scenario.version,
    }


@router.post("/scenarios/{int:scenario_id}/buildings", response={201: ScenarioOut}, summary="Add a building (If-Match)")
def add_building(request, scenario_id: int, payload: AddedIn, response: HttpResponse):
    scenario, expected = editable(request, scenario_id)
    scenario, _ = edits.add_building(
        scenario.pk, expected, footprint=planar_polygon(payload.footprint, "footprint"), height=payload.height,
        floors_above=payload.floors_above, floors_below=payload.floors_below, use=payload.use, name=payload.name,
    )  # fmt: skip
    return answer(response, scenario, 201)


@router.patch("/scenarios/{int:scenario_id}/buildings/{int:added_id}", response=ScenarioOut,
              summary="Change an added building (If-Match)")  # fmt: skip
def patch_added(request, scenario_id: int, added_id: int, payload: AddedPatch, response: HttpResponse):
    scenario, expected = editable(request, scenario_id)
    get_object_or_404(ScenarioBuilding, pk=added_id, scenario=scenario)
    scenario, _ = edits.change_added(scenario.pk, expected, added_id, payload.dict(exclude_unset=True))
    return answer(response, scenario)


@router.delete("/scenarios/{int:scenario_id}/buildings/{int:added_id}", response=ScenarioOut,
               summary="Delete an added building (If-Match)")  # fmt: skip
def delete_added(request, scenario_id: int, added_id: int, response: HttpResponse):
    scenario, expected = editable(request, scenario_id)
    get_object_or_404(ScenarioBuilding, pk=added_id, scenario=scenario)
    return answer(response, edits.delete_added(scenario.pk, expected, added_id))


@router.put("/scenarios/{int:scenario_id}/base/{int:building_id}", response=ScenarioOut,
            summary="Change the height of, or remove, a base building in this scenario (If-Match)")  # fmt: skip
def override_base(request, scenario_id: int, building_id: int, payload: OverrideIn, response: HttpResponse):
    scenario, expected = editable(request, scenario_id)
    scenario, _ = edits.override_base(
        scenario.pk, expected, building_id, removed=payload.removed, height=payload.height,
        floors_above=payload.floors_above,
    )  # fmt: skip
    return answer(response, scenario)


@router.delete("/scenarios/{int:scenario_id}/base/{int:building_id}", response=ScenarioOut,
               summary="Undo the scenario's change or removal of a base building (If-Match)")  # fmt: skip
def restore_base(request, scenario_id: int, building_id: int, response: HttpResponse):
    scenario, expected = editable(request, scenario_id)
    return answer(response, edits.restore_base(scenario.pk, expected, building_id))


@router.get("/scenarios/{int:scenario_id}/export.{fmt}", summary="Export the scenario (geojson, cityjson, glb)")
def export_scenario(request, scenario_id: int, fmt: str):
    require_planner(request)
    scenario = get_object_or_404(Scenario.objects.select_related("study_area"), pk=scenario_id)
    return export_response(scenario.study_area, scenario, fmt)


class CompareQuery(Schema):
    first: str
    second: str = "base"
    study_area: int | None = None


def side(value, study_area):
    """("base" or "scenario:<id>") → (label, scenario or None, its study area)."""
    if value == "base":
        return "base", None, study_area
    number = value.removeprefix("scenario:")
    scenario = Scenario.objects.select_related("study_area").filter(pk=int(number) if number.isdigit() else 0).first()
    if scenario is None:
        raise HttpError(400, f"{value!r} is neither 'base' nor the id of a scenario ('scenario:<id>' or '<id>').")
    return f"scenario:{scenario.pk}", scenario, scenario.study_area


@router.get("/compare", response=Comparison, summary="Compare two scenarios, or a scenario and the base")
def compare(request, query: Query[CompareQuery]):
    require_planner(request)
    given = StudyArea.objects.filter(pk=query.study_area).first() if query.study_area else None
    first_label, first, first_area = side(query.first, given)
    second_label, second, second_area = side(query.second, first_area)
    area = given or first_area or second_area
    if area is None:
        raise HttpError(400, "Comparing the base with itself needs a study_area.")
    if first_area is not None and second_area is not None and first_area.pk != second_area.pk:
        raise HttpError(400, "The two scenarios are over different study areas; compare scenarios of one area.")
    one, two = metrics(area, first), metrics(area, second)
    return {
        "study_area": area.pk,
        "first": first_label,
        "second": second_label,
        "first_metrics": one,
        "second_metrics": two,
        "difference": {key: round(two[key] - one[key], 2) for key in one},
    }
