"""The life of an import job: created from an upload (preview), confirmed (queued), run by the worker.

``execute_job`` is what the background task calls: it marks the job running,
imports with progress written to the job's row, and records the outcome —
counts, or the failure with the rows at fault — outside the import's
transaction, so a failure is reported although none of its rows remain. The
uploaded file is deleted when the job ends, whatever the outcome.
"""

import logging
from dataclasses import asdict
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from layers.services.background import enqueue_on_commit

from .importing import ImportFailed, problems_as_errors, run_import
from .models import ImportJob, JobState
from .progress import JobProgress

logger = logging.getLogger(__name__)


def create_job(layer, user, upload, options):
    """A job in preview for the uploaded file ``upload`` (a Django ``UploadedFile``)."""
    job = ImportJob(layer=layer, user=user, original_name=Path(upload.name).name[:255], options=options)
    job.file.save(_stored_name(upload.name), upload, save=False)
    job.save()
    return job


def _stored_name(name):
    """The upload's own suffix (it chooses the reader) on a name of our making."""
    suffix = Path(name).suffix.lower()
    return f"upload{suffix if suffix.isascii() and len(suffix) <= 6 else ''}"


@transaction.atomic
def confirm_job(job, options):
    """Queue a previewed job with the options the person chose; the task runs once this commits."""
    from .tasks import run_import_job  # the task module imports this one

    locked = ImportJob.objects.select_for_update().get(pk=job.pk)
    if locked.state != JobState.PREVIEW:
        return locked
    locked.options = options
    locked.state = JobState.QUEUED
    locked.save(update_fields=["options", "state"])
    enqueue_on_commit(run_import_job, locked.pk)
    return locked


def execute_job(job_id):
    """Run a queued job to its end; returns the job as it finished."""
    claimed = ImportJob.objects.filter(pk=job_id, state=JobState.QUEUED).update(
        state=JobState.RUNNING, started=timezone.now()
    )
    job = ImportJob.objects.select_related("layer__map", "user").get(pk=job_id)
    if not claimed:
        return job
    with JobProgress(job.pk) as progress:
        return run_and_record(job, job.file.path, progress)


def import_from_command(layer, user, path, options, progress):
    """A job for an import run from ``manage.py import_layer`` (the file stays where it is), run at once."""
    job = ImportJob.objects.create(
        layer=layer,
        user=user,
        original_name=Path(path).name[:255],
        options=options,
        state=JobState.RUNNING,
        started=timezone.now(),
    )
    return run_and_record(job, path, progress)


def run_and_record(job, path, progress):
    """Import ``path`` for ``job`` and record the outcome on the job (counts, or the failure and its rows)."""
    try:
        prepared = run_import(path, job.layer, job.user, job.options, progress)
    except ImportFailed as exc:
        _finish(job, JobState.FAILED, message=exc.message, errors=exc.errors)
    except Exception:
        logger.exception("Import job %s failed", job.pk)
        _finish(job, JobState.FAILED, message="The import failed unexpectedly; nothing was imported.")
    else:
        plan = prepared.plan
        _finish(
            job,
            JobState.SUCCEEDED,
            rows_total=plan.total,
            rows_done=plan.total,
            created_count=plan.count,
            skipped_count=len(plan.skipped),
            repaired_count=len({problem.index for problem in plan.repaired}),
            errors=problems_as_errors(plan.skipped[:200]),
            detection=detection_report(prepared.data),
        )
    return job


def detection_report(data):
    """How the file was understood, as stored on the job: encoding and CRS with how sure and why."""
    return {
        "encoding": asdict(data.encoding),
        "crs": {**asdict(data.crs), "candidates": list(data.crs.candidates)},
        "notes": list(data.notes),
    }


def _finish(job, state, **fields):
    for name, value in fields.items():
        setattr(job, name, value)
    job.state, job.finished = state, timezone.now()
    if job.file:
        job.file.delete(save=False)
    job.save()
