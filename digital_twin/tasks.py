"""Background task of the digital twin: run one uploaded import (``manage.py db_worker`` picks it up)."""

from django_tasks import task

from .importing.jobs import run_import_job


@task()
def import_job(job_id):
    """Run the import job ``job_id``; its row holds the progress and the outcome."""
    return run_import_job(job_id)
