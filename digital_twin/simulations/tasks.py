"""The background task of the simulations: one attempt of one run (``manage.py db_worker`` picks it up)."""

from django_tasks import task

from .runner import execute


@task()
def run_simulation(run_id, attempt):
    """Run attempt ``attempt`` of simulation run ``run_id``; its row holds the progress and the outcome."""
    return execute(run_id, attempt)
