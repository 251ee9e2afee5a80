"""Uploaded imports as jobs: run one (in the task worker) and record its outcome.

The job row is the one place the page looks: status, stage, done of total,
and at the end the result or a message saying why nothing was imported.
"""

from pathlib import Path

from django.utils import timezone

from imports.detection import DetectionError
from imports.readers import ReaderError

from ..models import ImportJob, ImportKind, ImportStatus
from ..readers.errors import TwinFileError
from ..readers.limits import DEFAULT_STOREY_HEIGHT_M
from .buildings import import_buildings
from .progress import JobProgress
from .terrain import import_terrain

EXPECTED_ERRORS = (TwinFileError, DetectionError, ReaderError)


def run_import_job(job_id):
    ImportJob.objects.filter(pk=job_id).update(status=ImportStatus.RUNNING)
    job = ImportJob.objects.get(pk=job_id)
    progress = JobProgress(job.pk)
    status, message, result = ImportStatus.FAILED, "", {}
    try:
        result = _run(job, progress)
        status = ImportStatus.DONE
    except EXPECTED_ERRORS as exc:
        message = f"Nothing imported. {exc}"
    except Exception as exc:  # noqa: BLE001 - the page must learn that the job ended, whatever ended it
        message = f"Nothing imported: the import failed unexpectedly ({type(exc).__name__})."
        raise
    finally:
        progress.close()
        ImportJob.objects.filter(pk=job_id).update(
            status=status, message=message, result=result, finished=timezone.now()
        )
    return status


def _run(job, progress):
    options = job.options
    path = Path(job.file.path)
    if job.kind == ImportKind.TERRAIN:
        outcome = import_terrain(path, name=options.get("name") or Path(job.original_name).stem,
                                 source=options.get("source") or "upload", srid=options.get("srid"),
                                 progress=progress)  # fmt: skip
    else:
        outcome = import_buildings(
            path, source=options.get("source") or "upload", field_map=options.get("field_map"),
            storey_height=options.get("storey_height") or DEFAULT_STOREY_HEIGHT_M, srid=options.get("srid"),
            encoding=options.get("encoding"), progress=progress,
        )  # fmt: skip
    return outcome.as_dict()
