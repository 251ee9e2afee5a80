"""The background task of the simulations: one attempt of one run (``manage.py db_worker`` picks it up).

The runner (numba kernels, rasterio, matplotlib) is imported when the task runs, so the web process that
only enqueues runs never loads it.
"""

from django_tasks import task


@task()
def run_simulation(run_id, attempt):
    """Run attempt ``attempt`` of simulation run ``run_id``; its row holds the progress and the outcome."""
    from .runner import execute

    return execute(run_id, attempt)
