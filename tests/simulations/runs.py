"""Running a simulation in the tests as the worker would: create the run, execute its attempt in this process."""

from digital_twin.models import SimulationRun
from digital_twin.simulations.launch import create_run
from digital_twin.simulations.runner import execute


def computed(kind, area, scenario, parameters, owner=None):
    """A run of ``kind`` created with ``parameters`` and executed to its end; the row, read again."""
    run = create_run(kind, area, scenario, parameters, owner=owner, enqueue=False)
    execute(run.pk, run.attempt)
    return SimulationRun.objects.get(pk=run.pk)
