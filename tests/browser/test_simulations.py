"""Planner simulations in a real Chromium: launch a run from the form, watch its progress while the worker
computes, and see its result over the 3D buildings with its numbers; the pages pass the axe WCAG 2.1 AA audit
in Korean and English."""

import pytest
from django.core.management import call_command

from digital_twin.models import SimulationKind, SimulationRun, SimulationStatus
from digital_twin.simulations import progress
from tests.simulations import scenes
from tests.simulations.runs import computed

from .editor_helpers import signed_in_context
from .test_accessibility import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)
SIMULATION = "window.urbanLifeSimulation"


@pytest.fixture(autouse=True)
def results_root(settings, tmp_path):
    settings.SIMULATION_RESULTS_ROOT = tmp_path / "simulations"


@pytest.fixture
def area(users):
    scenes.houses()
    return scenes.study_area(users["planner"])


def run_worker_watching(monkeypatch, stage, watch):
    """``manage.py db_worker --batch`` in this process; ``watch()`` is called while the run is at ``stage``, so
    the page can be looked at while the worker is in the middle of the run."""
    original = progress.Reporter.step
    seen = []

    def step(self, name, fraction):
        original(self, name, fraction)
        if name == stage:
            seen.append(watch())

    monkeypatch.setattr(progress.Reporter, "step", step)
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert seen, f"the worker never reached the step {stage}"
    return seen[0]


def test_a_planner_launches_a_run_follows_its_progress_and_sees_the_result_over_the_buildings(
    browser, live_server, users, area, monkeypatch, tmp_path
):
    context = signed_in_context(browser, live_server, users["planner"])
    page = context.new_page()
    page.goto(f"{live_server.url}/twin/simulations/new/{area.pk}/")
    page.get_by_label("Simulation", exact=True).select_option("sunlight")
    assert page.get_by_label("Wind: cell size (m)").is_hidden()  # only the sun's fields for a sunlight run
    page.get_by_label("Sun: cell size (m)").fill("5")
    page.get_by_label("Shadow margin around the area (m)").fill("100")
    page.get_by_role("button", name="Launch the simulation").click()
    page.wait_for_url(f"{live_server.url}/twin/simulations/*/")
    run = SimulationRun.objects.get()
    status = page.get_by_role("status")
    assert status.inner_text().startswith("queued")
    assert page.locator("[data-simulation-bar]").evaluate("bar => bar.value") == 0

    def while_running():
        page.wait_for_function(
            "document.querySelector('[data-simulation-progress]').dataset.state === 'running'", timeout=30_000
        )
        page.wait_for_function("document.querySelector('[data-simulation-status]').textContent.includes('hours')")
        page.screenshot(path=str(tmp_path / "simulation-running.png"))
        shown = float(page.locator("[data-simulation-progress]").get_attribute("data-progress"))
        return shown, page.locator("[data-simulation-bar]").evaluate("bar => bar.value"), status.inner_text()

    shown, bar, text = run_worker_watching(monkeypatch, "sun_hours", while_running)
    assert 0 < shown < 100 and bar == shown and text.startswith("running · hours of sun")
    run.refresh_from_db()
    assert run.status == SimulationStatus.SUCCEEDED, run.error
    page.wait_for_selector("#simulation-map[data-ready='true'][data-overlay='sun_hours']", timeout=60_000)
    page.wait_for_function(f"{SIMULATION}.map.isSourceLoaded('simulation-overlay')", timeout=30_000)
    page.wait_for_function(f"{SIMULATION}.map.queryRenderedFeatures({{layers: ['buildings-3d']}}).length > 0",
                           timeout=30_000)  # fmt: skip
    layers = page.evaluate(f"{SIMULATION}.map.getStyle().layers.map((layer) => layer.id)")
    assert layers.index("simulation-overlay") < layers.index("buildings-3d")  # the result lies under the buildings
    assert "succeeded" in status.inner_text() and "100%" in status.inner_text()
    numbers = page.locator("[data-simulation-numbers]").inner_text()
    assert "daylight in the window (no obstruction)" in numbers and "8.0 h" in numbers
    page.get_by_label("Result shown over the buildings").select_option("sunlight_rule")
    page.wait_for_selector("#simulation-map[data-overlay='sunlight_rule']")
    legend = page.get_by_alt_text("Legend: sunlight-right check (winter solstice)")
    assert legend.get_attribute("src").endswith("/files/sunlight_rule.legend.png")
    page.screenshot(path=str(tmp_path / "simulation-result.png"))
    context.close()


@pytest.fixture(params=["ko-KR", "en-US"])
def locale(request):
    return request.param


def test_the_simulation_pages_meet_wcag_aa(browser, live_server, users, area, locale):
    tower = scenes.tower_scenario(area, users["planner"])
    run = computed(SimulationKind.COMPARISON, area, tower, {"wind": scenes.WIND, "sun": scenes.SUN}, users["planner"])
    context = signed_in_context(browser, live_server, users["planner"], locale=locale)
    page = context.new_page()
    for path in ("/twin/simulations/", f"/twin/simulations/new/{area.pk}/?scenario={tower.pk}"):
        page.goto(f"{live_server.url}{path}")
        assert_accessible(page, f"{path} ({locale})")
    page.goto(f"{live_server.url}/twin/simulations/{run.pk}/")
    page.wait_for_selector("#simulation-map[data-ready='true']", timeout=60_000)
    assert_accessible(page, f"run page ({locale})")
    page.goto(f"{live_server.url}/api/v1/simulations/runs/{run.pk}/report")
    assert_accessible(page, f"report ({locale})")
    context.close()
