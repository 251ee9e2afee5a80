"""``/twin/imports``: upload a building file or a DEM; the import runs as a background task with progress.

The upload is stored under ``MEDIA_ROOT/twin-imports/`` and the task is
queued once the job row is committed; ``GET /twin/imports/{id}`` is what the
planner's page polls for the job's state.
"""

from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.shortcuts import get_object_or_404
from ninja import File, Form, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from ..importing.files import CITYGML_SUFFIXES, CITYJSON_SUFFIXES, DEM_SUFFIXES, SHAPEFILE_SUFFIXES
from ..models import ImportJob, ImportKind
from ..readers.limits import DEFAULT_STOREY_HEIGHT_M
from ..tasks import import_job
from .access import require_planner
from .schemas import ImportOut

router = Router()
ACCEPTED = SHAPEFILE_SUFFIXES + CITYJSON_SUFFIXES + CITYGML_SUFFIXES + DEM_SUFFIXES


class ImportOptions(Schema):
    source: str = "upload"
    field_map: str | None = None
    storey_height: float = DEFAULT_STOREY_HEIGHT_M
    srid: int | None = None
    encoding: str | None = None
    name: str | None = None


def serialize_job(job):
    return {field: getattr(job, field) for field in ImportOut.model_fields}


def create_job(owner, upload, options):
    """Save the upload and queue its import once the job row is committed."""
    name = Path(upload.name).name
    kind = ImportKind.TERRAIN if Path(name).suffix.lower() in DEM_SUFFIXES else ImportKind.BUILDINGS
    job = ImportJob(kind=kind, owner=owner, original_name=name[:255], options=options)
    job.file.save(name, upload, save=False)
    job.save()
    transaction.on_commit(lambda: import_job.enqueue(job.pk))
    return job


@router.post("/imports", response={202: ImportOut}, summary="Upload a building file or a DEM to import")
def upload(request, file: File[UploadedFile], options: Form[ImportOptions]):
    user = require_planner(request)
    if Path(file.name).suffix.lower() not in ACCEPTED:
        raise HttpError(400, f"{file.name} is not a file the digital twin imports ({', '.join(ACCEPTED)}).")
    if file.size > settings.TWIN_IMPORT_MAX_BYTES:
        raise HttpError(413, f"The file is larger than {settings.TWIN_IMPORT_MAX_BYTES // 1_048_576} MB.")
    if not 0.5 <= options.storey_height <= 10:
        raise HttpError(400, "The storey height must be between 0.5 and 10 metres.")
    if options.field_map and options.field_map not in ("gis-building", "gis-building-coded"):
        raise HttpError(400, "The field map must be gis-building or gis-building-coded.")
    job = create_job(user, file, options.dict())
    return Status(202, serialize_job(job))


@router.get("/imports/{int:job_id}", response=ImportOut, summary="Read an import job's state and outcome")
def read_job(request, job_id: int):
    user = require_planner(request)
    job = get_object_or_404(ImportJob, pk=job_id)
    if not (user.is_admin or job.owner_id == user.pk):
        raise HttpError(404, "Not found.")
    return serialize_job(job)
