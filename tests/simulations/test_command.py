"""``manage.py simulate``: a run computed in the command's process with a progress bar, or queued for the worker
and followed; the same refusals as the API, as a command error."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from digital_twin.models import SimulationRun, SimulationStatus

from . import scenes

pytestmark = pytest.mark.django_db(transaction=True)


def simulate(*arguments):
    out, err = StringIO(), StringIO()
    call_command("simulate", *map(str, arguments), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def rose_file(tmp_path):
    path = tmp_path / "rose.json"
    path.write_text(json.dumps(scenes.NORTH_WIND), encoding="utf-8")
    return path


def test_a_comparison_runs_in_the_command_with_a_progress_bar(area, tower, rose_file):
    out, err = simulate(
        "comparison", "--study-area", area.pk, "--scenario", tower.pk, "--wind-cell-size", 20, "--wind-rose",
        rose_file, "--sun-cell-size", 5, "--margin", 100, "--no-terrain", "--user", "planner", "--language", "en",
    )  # fmt: skip
    run = SimulationRun.objects.get()
    assert run.status == SimulationStatus.SUCCEEDED and run.owner.username == "planner"
    assert run.parameters["wind"]["cell_size"] == 20.0 and run.parameters["sun"]["margin_m"] == 100.0
    assert f"Simulation run {run.pk}: scenario comparison of 타워 안." in out
    assert "report.html" in out and '"corridor_length_blocked_prevailing_m": 600.0' in out
    assert "scenario: corridors for wind from 0°" in err and "existing buildings: hours of sun" in err
    assert err.rstrip().endswith("100%")


def test_queued_for_the_worker_and_followed(area, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    out, err = simulate("morphometry", "--study-area", area.pk, "--base", "--cell-size", 50, "--enqueue")
    run = SimulationRun.objects.get()
    assert (run.status, run.kind, run.scenario) == (SimulationStatus.SUCCEEDED, "morphometry", None)
    assert run.parameters == {"cell_size": 50.0, "directions": 16, "method": "macdonald"}
    assert "plan_area_index.tif" in out and "100%" in err


def test_refusals_are_command_errors_and_create_nothing(area, tower):
    with pytest.raises(CommandError, match="cell_size: .*84,640,000 cells.*Use cells of 2 m or more"):
        simulate("sunlight", "--study-area", area.pk, "--cell-size", 0.5, "--margin", 2000, "--language", "en")
    with pytest.raises(CommandError, match="date: .*2025-02-30"):
        simulate("sunlight", "--study-area", area.pk, "--date", "2025-02-30", "--language", "en")
    with pytest.raises(CommandError, match="There is no study area 999"):
        simulate("corridors", "--study-area", 999)
    assert not SimulationRun.objects.exists()
