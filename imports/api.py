"""``/api/v1``: exports of a layer or a map as a file, and the state of an import job.

``GET /layers/{id}/export?format=geojson|csv|shp|gpkg|kml`` (``encoding=cp949|utf-8``
for Shapefiles) and ``GET /maps/{id}/export?format=…`` answer with the file
to download; they hold what the caller may see (``imports.exporting``).
``GET /imports/{id}`` is what the import page polls.
"""

import os
import tempfile

from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control
from ninja import Router, Schema
from ninja.errors import HttpError

from layers.api.layers import visible_layer
from mapping.api.maps import visible_map
from mapping.api.security import caller, require_user

from .exporting import export_table
from .models import ImportJob
from .writers import FORMATS, SHAPEFILE_ENCODINGS

router = Router(tags=["imports and exports"])


class ImportJobOut(Schema):
    id: int
    layer: int
    state: str
    rows_total: int
    rows_done: int
    created_count: int
    skipped_count: int
    repaired_count: int
    message: str
    errors: list[dict]


def _format(key, encoding):
    if key not in FORMATS:
        raise HttpError(400, f"Unknown format '{key}'; use one of: {', '.join(FORMATS)}.")
    if encoding not in SHAPEFILE_ENCODINGS:
        raise HttpError(400, f"Unknown encoding '{encoding}'; use one of: {', '.join(SHAPEFILE_ENCODINGS)}.")
    return FORMATS[key]


def download(table, format_, encoding, filename):
    """The written file as an attachment; the temporary file is gone from the disk once the response is sent."""
    handle, path = tempfile.mkstemp(suffix=f".{format_.extension}")
    os.close(handle)
    try:
        format_.write(table, path, encoding=encoding)
        stream = open(path, "rb")  # noqa: SIM115 - FileResponse closes it
    finally:
        os.unlink(path)
    response = FileResponse(stream, as_attachment=True, filename=f"{filename}.{format_.extension}")
    response["Content-Type"] = format_.media_type
    patch_cache_control(response, private=True, no_store=True)
    return response


@router.get("/layers/{int:layer_id}/export", url_name="layer-export", summary="Download a layer as a file")
def export_layer(request, layer_id: int, format: str = "geojson", encoding: str = "cp949"):
    layer = visible_layer(request, layer_id)
    format_ = _format(format, encoding)
    table = export_table([layer], caller(request), name=f"layer-{layer.pk}")
    return download(table, format_, encoding, f"{layer.map.slug}-{layer.name}")


@router.get("/maps/{int:map_id}/export", url_name="map-export", summary="Download all layers of a map as one file")
def export_map(request, map_id: int, format: str = "geojson", encoding: str = "cp949"):
    map_ = visible_map(request, map_id)
    format_ = _format(format, encoding)
    table = export_table(map_.layers.order_by("order", "pk"), caller(request), name=f"map-{map_.pk}")
    return download(table, format_, encoding, map_.slug)


@router.get("/imports/{int:job_id}", response=ImportJobOut, url_name="import-job", summary="Progress of an import")
def import_job(request, job_id: int):
    user = require_user(request)
    job = get_object_or_404(ImportJob, pk=job_id)
    if job.user_id != user.pk and not user.is_admin:
        raise HttpError(404, "Not found.")
    fields = {name: getattr(job, name) for name in ImportJobOut.model_fields if name != "layer"}
    return {**fields, "layer": job.layer_id}
