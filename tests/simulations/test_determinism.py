"""The same parameters give the same results: two runs of one comparison write byte-identical statistics and
rasters; the results follow the buildings, not the run."""

import hashlib

import pytest

from digital_twin.models import ScenarioBuilding, SimulationKind

from . import scenes
from .runs import computed

pytestmark = pytest.mark.django_db
PARAMETERS = {"wind": scenes.WIND, "sun": scenes.SUN}


def digests(run):
    return {entry["name"]: hashlib.sha256((run.folder / entry["name"]).read_bytes()).hexdigest()
            for entry in run.outputs["files"] if entry["name"] != "report.html"}  # fmt: skip


def test_two_runs_with_the_same_parameters_give_byte_identical_results(area, tower, planner):
    first = computed(SimulationKind.COMPARISON, area, tower, PARAMETERS, planner)
    second = computed(SimulationKind.COMPARISON, area, tower, PARAMETERS, planner)
    assert first.pk != second.pk and first.folder != second.folder
    assert (first.folder / "statistics.json").read_bytes() == (second.folder / "statistics.json").read_bytes()
    assert first.statistics == second.statistics
    first_files, second_files = digests(first), digests(second)
    assert len(first_files) > 20 and first_files == second_files  # every COG, overlay and legend


def test_an_edit_of_the_scenario_changes_the_inputs_digest_and_the_results(area, tower, planner):
    before = computed(SimulationKind.SUNLIGHT, area, tower, scenes.SUN, planner)
    ScenarioBuilding.objects.filter(scenario=tower).update(height=40.0)
    after = computed(SimulationKind.SUNLIGHT, area, tower, scenes.SUN, planner)
    digest = lambda run: run.statistics["inputs"]["buildings"]["scenario"]["digest"]  # noqa: E731
    assert digest(before) != digest(after)
    assert digests(before)["sun_hours.tif"] != digests(after)["sun_hours.tif"]
