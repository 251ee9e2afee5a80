"""Background tasks of imports, run by the task worker (``manage.py db_worker``) through Django's Tasks API."""

from django_tasks import task

from .jobs import execute_job


@task()
def run_import_job(job_id):
    """Import a confirmed job's file into its layer; returns the job's final state."""
    return execute_job(job_id).state
