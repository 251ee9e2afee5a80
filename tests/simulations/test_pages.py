"""The planner's pages: runs listed, a run launched from the form (refusals shown on the field at fault), a
run's page with its progress, numbers, overlays, downloads and report, cancel and queue again."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from digital_twin.models import SimulationKind, SimulationRun, SimulationStatus
from tests.conftest import PASSWORD, make_user

from . import scenes
from .runs import computed

pytestmark = pytest.mark.django_db
LAUNCH = {
    "kind": "sunlight", "scenario": "", "analyses": ["wind", "sun"], "loss_hours": "1", "wind_cell_size": "20",
    "directions": "16", "method": "macdonald", "season": "winter", "corridor_method": "frontal",
    "sun_cell_size": "5", "date": "", "start": "08:00", "end": "16:00", "step_minutes": "10", "sunlight_rule": "on",
    "facades": "residential", "margin_m": "100",
}  # fmt: skip


def signed_in(user, language="en"):
    client = Client(headers={"Accept-Language": language})
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def planner_client(planner):
    return signed_in(planner)


def errors_of(response, field):
    return response.context["form"].errors.get(field, [])


def test_only_planners_see_the_simulation_pages(area, users):
    assert Client().get("/twin/simulations/").status_code == 302
    assert signed_in(users["resident"]).get("/twin/simulations/").status_code == 403
    assert signed_in(users["resident"]).get(f"/twin/simulations/new/{area.pk}/").status_code == 403
    page = signed_in(users["planner"]).get("/twin/simulations/")
    assert page.status_code == 200 and area.name in page.content.decode()


def test_the_form_launches_a_run_and_lands_on_its_page(planner_client, area, tower):
    page = planner_client.get(f"/twin/simulations/new/{area.pk}/?scenario={tower.pk}")
    html = page.content.decode()
    assert "Illustrative wind roses." in html and "ILLUSTRATIVE DEFAULTS" in html
    assert f'<option value="{tower.pk}" selected>' in html
    response = planner_client.post(f"/twin/simulations/new/{area.pk}/", {**LAUNCH, "scenario": str(tower.pk)})
    run = SimulationRun.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/twin/simulations/{run.pk}/"
    assert (run.kind, run.scenario, run.status) == ("sunlight", tower, SimulationStatus.QUEUED)
    assert run.parameters["cell_size"] == 5.0 and run.parameters["margin_m"] == 100.0
    page = planner_client.get(response["Location"]).content.decode()
    assert "data-simulation-progress" in page and 'data-state="queued"' in page and "Cancel the run" in page


def test_refusals_are_shown_on_the_field_at_fault(planner_client, area, tower):
    url = f"/twin/simulations/new/{area.pk}/"
    too_large = planner_client.post(url, {**LAUNCH, "sun_cell_size": "0.5", "margin_m": "2000"})
    assert "84,640,000 cells" in errors_of(too_large, "sun_cell_size")[0]
    assert "Use cells of 2 m or more." in errors_of(too_large, "sun_cell_size")[0]
    bad_date = planner_client.post(url, {**LAUNCH, "date": "2025-02-30"})
    assert "2025-02-30" in errors_of(bad_date, "date")[0]
    rose = {"season": "custom", "rose_directions": "0, 180", "rose_frequencies": "50, 30", "rose_speeds": "3, 2"}
    wind_rose = planner_client.post(url, {**LAUNCH, "kind": "corridors", **rose})
    assert "sum to 80.0 %" in errors_of(wind_rose, "season")[0]
    empty_comparison = planner_client.post(url, {**LAUNCH, "kind": "comparison"})
    assert "needs a scenario" in empty_comparison.context["form"].non_field_errors()[0]
    assert not SimulationRun.objects.exists()
    own_rose = {**rose, "rose_frequencies": "70, 30"}
    assert planner_client.post(url, {**LAUNCH, "kind": "corridors", **own_rose}).status_code == 302
    assert SimulationRun.objects.get().parameters["wind_rose"]["source"] == "custom"


def test_a_finished_comparison_shows_the_numbers_the_overlays_the_files_and_the_report(planner_client, area, tower):
    run = computed(SimulationKind.COMPARISON, area, tower, {"wind": scenes.WIND, "sun": scenes.SUN}, tower.owner)
    page = planner_client.get(f"/twin/simulations/{run.pk}/")
    html = page.content.decode()
    assert "corridor length blocked for the prevailing wind (from 0.0°)" in html and "600 m" in html
    assert f"/api/v1/simulations/runs/{run.pk}/files/report.html" in html
    assert '<option value="delta_sun_hours">' in html and "delta_sun_hours.legend.png" in html
    assert "corridor_change.tif?download=1" in html
    for building in run.statistics["committee"]["buildings_newly_failing_list"]:
        assert building["name"] in html
    assert "Cancel the run" not in html and "Queue it again" not in html


def test_a_stale_run_offers_to_queue_it_again_and_a_queued_one_to_cancel(planner_client, area, users):
    stale = SimulationRun.objects.create(
        kind="corridors", study_area=area, owner=users["planner"], status=SimulationStatus.RUNNING,
        parameters={}, heartbeat=timezone.now() - timedelta(hours=1), started=timezone.now() - timedelta(hours=1),
    )  # fmt: skip
    html = planner_client.get(f"/twin/simulations/{stale.pk}/").content.decode()
    assert "stale: its worker stopped answering" in html and "Queue it again" in html
    assert signed_in(users["admin"]).post(f"/twin/simulations/{stale.pk}/requeue/").status_code == 302
    stale.refresh_from_db()
    assert (stale.status, stale.attempt) == (SimulationStatus.QUEUED, 2)
    other = signed_in(make_user("planner-2", is_planner=True))
    assert other.post(f"/twin/simulations/{stale.pk}/cancel/").status_code == 403
    assert planner_client.post(f"/twin/simulations/{stale.pk}/cancel/").status_code == 302
    stale.refresh_from_db()
    assert stale.status == SimulationStatus.CANCELLED
    again = planner_client.post(f"/twin/simulations/{stale.pk}/cancel/", follow=True)
    assert "This run has already ended" in again.content.decode()
