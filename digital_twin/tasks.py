"""Background task of the digital twin: run one uploaded import (``manage.py db_worker`` picks it up).

The importer (GDAL, rasterio) is imported when the task runs, so the web process that only enqueues does not
load it.
"""

from django_tasks import task


@task()
def import_job(job_id):
    """Run the import job ``job_id``; its row holds the progress and the outcome."""
    from .importing.jobs import run_import_job

    return run_import_job(job_id)
