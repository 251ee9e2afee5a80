"""``/twin/study-areas``: the areas planners study, drawn as polygons; exports of their base stock."""

from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Router, Status

from mapping.api.versioning import if_match_version, locked_at_version, version_parser, with_etag

from ..models import StudyArea
from ..scenarios.geometry import geojson_of, planar_polygon
from .access import require_owner, require_planner
from .exporting import export_response
from .schemas import StudyAreaIn, StudyAreaOut, StudyAreaPatch

router = Router()


def serialize_area(area):
    return {
        "id": area.pk,
        "name": area.name,
        "description": area.description,
        "area": geojson_of(area.area),
        "owner": area.owner.username,
        "version": area.version,
        "created": area.created,
        "updated": area.updated,
    }


def single_polygon(geojson):
    polygons = planar_polygon(geojson, "study area")
    return polygons[0] if len(polygons) == 1 else polygons.convex_hull


@router.get("/study-areas", response=list[StudyAreaOut], summary="List study areas")
def list_areas(request):
    require_planner(request)
    return [serialize_area(area) for area in StudyArea.objects.select_related("owner")]


@router.post("/study-areas", response={201: StudyAreaOut}, summary="Create a study area")
def create_area(request, payload: StudyAreaIn, response: HttpResponse):
    user = require_planner(request)
    area = StudyArea.objects.create(
        name=payload.name, description=payload.description, area=single_polygon(payload.area), owner=user
    )
    with_etag(response, area.etag)
    return Status(201, serialize_area(area))


@router.get("/study-areas/{int:area_id}", response=StudyAreaOut, summary="Read a study area")
def read_area(request, area_id: int, response: HttpResponse):
    require_planner(request)
    area = get_object_or_404(StudyArea.objects.select_related("owner"), pk=area_id)
    with_etag(response, area.etag)
    return serialize_area(area)


@router.patch("/study-areas/{int:area_id}", response=StudyAreaOut, summary="Change a study area (If-Match)")
def patch_area(request, area_id: int, payload: StudyAreaPatch, response: HttpResponse):
    user = require_planner(request)
    area = get_object_or_404(StudyArea, pk=area_id)
    require_owner(user, area, "study area")
    expected = if_match_version(request, version_parser("a", area.pk))
    changes = payload.dict(exclude_unset=True, exclude_none=True)
    with transaction.atomic():
        area = locked_at_version(StudyArea, area.pk, expected, "study area")
        if "area" in changes:
            changes["area"] = single_polygon(changes["area"])
        for name, value in changes.items():
            setattr(area, name, value)
        area.version += 1
        area.save()
    with_etag(response, area.etag)
    return serialize_area(area)


@router.delete("/study-areas/{int:area_id}", response={204: None}, summary="Delete a study area and its scenarios")
def delete_area(request, area_id: int):
    user = require_planner(request)
    area = get_object_or_404(StudyArea, pk=area_id)
    require_owner(user, area, "study area")
    area.delete()
    return Status(204, None)


@router.get(
    "/study-areas/{int:area_id}/export.{fmt}", summary="Export the base stock of the area (geojson, cityjson, glb)"
)
def export_area(request, area_id: int, fmt: str):
    require_planner(request)
    area = get_object_or_404(StudyArea, pk=area_id)
    return export_response(area, None, fmt)
