"""A run's life in the worker: queued → running (progress written at every step) → succeeded with its files;
cancelled at the next step when a planner asks; a killed worker's run shown stale and queued again."""

import pytest

from digital_twin.models import SimulationRun, SimulationStatus
from digital_twin.simulations import progress
from digital_twin.simulations.launch import create_run

from . import scenes
from .conftest import run_worker

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def steps(monkeypatch):
    """Every step a worker reports, with the status and progress its row has right then."""
    seen = []
    original = progress.Reporter.step

    def step(self, stage, fraction):
        original(self, stage, fraction)
        row = SimulationRun.objects.get(pk=self.run_id)
        seen.append((row.status, row.stage, row.progress))

    monkeypatch.setattr(progress.Reporter, "step", step)
    return seen


def test_a_run_goes_from_queued_through_running_to_succeeded_in_the_worker(area, planner, steps):
    run = create_run("corridors", area, None, scenes.WIND, owner=planner)
    run.refresh_from_db()
    assert (run.status, run.progress, run.started, run.attempt) == (SimulationStatus.QUEUED, 0.0, None, 1)

    run_worker()

    run.refresh_from_db()
    assert run.status == SimulationStatus.SUCCEEDED, run.error
    assert run.progress == 100.0 and run.stage == "done"
    assert run.queued <= run.started <= run.heartbeat <= run.finished
    stages = [stage for _, stage, _ in steps]
    assert stages[:2] == ["buildings", "morphometry"] and "corridors:0" in stages and "corridors:180" in stages
    assert stages[-1] == "outputs"
    assert {status for status, _, _ in steps} == {SimulationStatus.RUNNING}
    percents = [percent for _, _, percent in steps]
    assert percents == sorted(percents) and 0 <= percents[0] < percents[-1] < 100
    names = {entry["name"] for entry in run.outputs["files"]}
    assert {"corridor_frequency.tif", "corridor_frequency.png", "corridor_frequency.legend.png"} <= names
    assert {"statistics.json", "wind_rose.png", "plan_area_index.tif"} <= names
    assert all((run.folder / name).is_file() for name in names)
    assert run.statistics["wind"]["corridors"]["by_direction"]["0"]["count"] == 1
