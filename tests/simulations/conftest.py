"""Fixtures of the simulation tests: result files in a folder of the test run, the demo-like scene, the worker."""

import pytest
from django.core.management import call_command

from . import scenes


@pytest.fixture(autouse=True)
def results_root(settings, tmp_path_factory):
    settings.SIMULATION_RESULTS_ROOT = tmp_path_factory.mktemp("simulations")
    return settings.SIMULATION_RESULTS_ROOT


@pytest.fixture
def planner(users):
    return users["planner"]


@pytest.fixture
def area(planner):
    scenes.houses()
    return scenes.study_area(planner)


@pytest.fixture
def tower(area, planner):
    return scenes.tower_scenario(area, planner)


def run_worker():
    """Run every task that is due, as ``manage.py db_worker --batch`` does, then return."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
