"""Exports of a study area's base stock or of a scenario as GeoJSON, CityJSON 2.0 or binary glTF downloads.

The glTF writer (trimesh) is imported only when a ``.glb`` is asked for, so web processes do not carry it.
"""

from urllib.parse import quote

import shapely
from django.http import HttpResponse
from django.utils.text import slugify
from ninja.errors import HttpError

from ..scenarios.state import buildings
from ..writers import ExportBuilding
from ..writers.cityjson import cityjson_bytes
from ..writers.geojson import geojson_bytes

FORMATS = {
    "geojson": ("application/geo+json", "geojson"),
    "cityjson": ("application/city+json", "city.json"),
    "glb": ("model/gltf-binary", "glb"),
}


def export_buildings(study_area, scenario):
    for building in buildings(study_area, scenario):
        yield ExportBuilding(
            key=building.key,
            footprint=shapely.from_wkb(bytes(building.footprint.wkb)),
            height=building.height,
            ground=building.ground_height or 0.0,
            attributes={
                "status": building.status,
                "name": building.name,
                "use": building.use,
                "storeysAboveGround": building.floors_above,
                "storeysBelowGround": building.floors_below,
                "heightEstimated": building.height_estimated,
                "source": building.source,
                "sourceId": building.source_id,
            },
        )


def export_response(study_area, scenario, fmt):
    if fmt not in FORMATS:
        raise HttpError(404, f"Unknown export format {fmt!r}: {', '.join(FORMATS)}.")
    content_type, suffix = FORMATS[fmt]
    title = scenario.name if scenario else study_area.name
    records = list(export_buildings(study_area, scenario))
    if fmt == "geojson":
        body = geojson_bytes(records, name=title)
    elif fmt == "cityjson":
        body = cityjson_bytes(records, title=title)
    else:
        from ..writers.gltf import glb_bytes

        body = glb_bytes(records)
    name = slugify(title, allow_unicode=True) or "export"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}.{suffix}"
    return response
