"""``GET /twin/buildings/{id}``: one base building's attributes (what a click on the 3D view shows)."""

from django.shortcuts import get_object_or_404
from ninja import Router

from ..models import Building
from .schemas import BuildingOut

router = Router()


@router.get("/buildings/{int:building_id}", response=BuildingOut, summary="Read a building's attributes")
def read_building(request, building_id: int):
    building = get_object_or_404(Building, pk=building_id)
    return {
        **{field: getattr(building, field) for field in BuildingOut.model_fields if field != "footprint_area"},
        "footprint_area": round(building.footprint.area, 1),
    }
