"""A run's life in the worker: queued → running (progress written at every step) → succeeded with its files;
cancelled at the next step when a planner asks; a killed worker's run shown stale and queued again."""

import os
import subprocess
import sys
import time
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.db import connection

from digital_twin.models import SimulationRun, SimulationStatus
from digital_twin.simulations import progress, sun
from digital_twin.simulations.launch import cancel_run, create_run, requeue_run

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


def test_a_cancel_during_the_run_stops_it_at_the_next_step_and_leaves_no_files(area, planner, monkeypatch):
    run = create_run("corridors", area, None, scenes.WIND, owner=planner)
    original = progress.Reporter.step

    def step(self, stage, fraction):
        if stage == "corridors:0":
            cancel_run(self.run_id)  # the planner presses "Cancel" while the worker computes
        original(self, stage, fraction)

    monkeypatch.setattr(progress.Reporter, "step", step)
    run_worker()
    run.refresh_from_db()
    assert (run.status, run.stage, run.cancel_requested) == (SimulationStatus.CANCELLED, "corridors:0", True)
    assert run.finished is not None and run.outputs == {} and not run.folder.exists()


def test_a_worker_taken_for_dead_stops_when_its_run_is_queued_again(area, planner, monkeypatch, settings):
    run = create_run("corridors", area, None, scenes.WIND, owner=planner)
    original = progress.Reporter.step
    settings.SIMULATION_STALE_SECONDS = 0  # every running run looks stale: the worker seems gone

    def step(self, stage, fraction):
        if stage == "corridors:0" and self.attempt == 1:
            requeue_run(self.run_id)
        original(self, stage, fraction)

    monkeypatch.setattr(progress.Reporter, "step", step)
    run_worker()  # attempt 1 stops at its next step without writing; attempt 2 runs to its end
    run.refresh_from_db()
    assert (run.status, run.attempt) == (SimulationStatus.SUCCEEDED, 2)
    assert run.folder.name == "a2" and run.folder.is_dir() and not (run.folder.parent / "a1").exists()


def test_a_worker_killed_in_the_middle_leaves_the_run_stale_and_it_can_be_queued_again(area, planner, settings):
    """What production sees: ``db_worker`` in its own process, killed (SIGKILL) while it computes."""
    parameters = {**scenes.SUN, "cell_size": 1, "margin_m": 300}  # long enough to be caught in the middle
    run = create_run("sunlight", area, None, parameters, owner=planner)
    database = connection.settings_dict
    credentials = f"{quote(database['USER'])}:{quote(database['PASSWORD'])}"
    environment = {
        **os.environ,
        "DATABASE_URL": f"postgis://{credentials}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
        "SIMULATION_RESULTS_ROOT": str(settings.SIMULATION_RESULTS_ROOT),
        "SIMULATION_STALE_SECONDS": "5",  # the worker's companion writes a heartbeat every second
        "NUMBA_NUM_THREADS": "1",
    }
    command = [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--no-reload"]
    worker = subprocess.Popen(command, cwd=settings.BASE_DIR, env=environment, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        for _ in range(1200):
            run.refresh_from_db()
            if run.stage in ("sun_hours", "sunlight_rule") or worker.poll() is not None:
                break
            time.sleep(0.1)
        assert run.stage in ("sun_hours", "sunlight_rule"), (run.status, run.stage, worker.poll())
    finally:
        worker.kill()
        worker.wait()
    run.refresh_from_db()
    last = run.heartbeat
    time.sleep(3)  # three of the companion's intervals: it died with the worker, nothing writes any more
    run.refresh_from_db()
    assert run.heartbeat == last
    assert run.status == SimulationStatus.RUNNING  # nobody is left to say otherwise …
    assert not run.is_stale(now=run.heartbeat)  # … it was alive at its last heartbeat …
    settings.SIMULATION_STALE_SECONDS = 300
    assert run.is_stale(now=run.heartbeat + timedelta(seconds=301))  # … and is stale once it is older than that
    assert not run.can_requeue
    settings.SIMULATION_STALE_SECONDS = 0
    assert run.state == "stale" and run.can_requeue
    requeue_run(run.pk)
    run_worker()
    run.refresh_from_db()
    assert (run.status, run.attempt, run.progress) == (SimulationStatus.SUCCEEDED, 2, 100.0)


def test_the_heartbeat_goes_on_while_a_kernel_computes_between_two_steps(area, planner, monkeypatch, settings):
    """A long kernel call writes no step; the worker's companion process keeps the heartbeat moving."""
    settings.SIMULATION_STALE_SECONDS = 5  # a heartbeat every second
    run = create_run("sunlight", area, None, scenes.SUN, owner=planner)
    kernel = sun.sun_hours
    moved = []

    def long_kernel(*args, **kwargs):
        before = SimulationRun.objects.get(pk=run.pk).heartbeat
        for _ in range(600):
            if SimulationRun.objects.get(pk=run.pk).heartbeat > before:
                moved.append(True)
                break
            time.sleep(0.1)
        return kernel(*args, **kwargs)

    monkeypatch.setattr(sun, "sun_hours", long_kernel)
    run_worker()
    run.refresh_from_db()
    assert moved == [True] and run.status == SimulationStatus.SUCCEEDED
