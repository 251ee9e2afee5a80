"""``/api/v1/simulations``: planners launch runs (refused up front with the reason and the field), follow them,
cancel, re-queue stale ones, list them by study area and scenario, and download their results."""

from datetime import timedelta

import pytest
import rasterio
from django.utils import timezone

from digital_twin.models import Scenario, SimulationRun, SimulationStatus, StudyArea
from digital_twin.simulations.layout import layout
from tests.api.conftest import ApiClient
from tests.conftest import make_user

from . import scenes

pytestmark = pytest.mark.django_db
ENGLISH = {"Accept-Language": "en"}


@pytest.fixture
def planner_api(planner):
    return ApiClient(planner)


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    """Tasks run as soon as their transaction commits, in this process: what the worker would do."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def launch(api, area, kind="corridors", parameters=None, scenario=None, **headers):
    body = {"kind": kind, "study_area": area.pk, "scenario": scenario.pk if scenario else None}
    body["parameters"] = scenes.WIND if parameters is None else parameters
    return api.post("/simulations/runs", body, **headers)


def read(api, run_id):
    return api.get(f"/simulations/runs/{run_id}").json()


def test_only_planners_and_admins_launch_and_read_runs(area, users):
    assert launch(ApiClient(), area).status_code == 401
    assert launch(ApiClient(users["resident"]), area).status_code == 403
    assert ApiClient(users["reviewer"]).get("/simulations/runs").status_code == 403
    response = launch(ApiClient(users["admin"]), area)
    assert response.status_code == 202, response.content
    assert ApiClient(users["planner"]).get(f"/simulations/runs/{response.json()['id']}").status_code == 200


def test_a_launched_run_is_queued_then_run_by_the_worker_with_its_files(
    planner_api, area, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = launch(planner_api, area)
        assert response.status_code == 202, response.content
        run = response.json()
        assert (run["status"], run["state"], run["progress"], run["files"]) == ("queued", "queued", 0.0, [])
        assert run["parameters"]["wind_rose"]["frequency_pct"] == [70.0, 30.0]
        assert run["parameters"]["method"] == "macdonald" and run["can_cancel"] and not run["can_requeue"]

    run = read(planner_api, run["id"])
    assert run["status"] == "succeeded", run["error"]
    assert run["progress"] == 100.0 and run["stage"] == "done"
    overlay = next(o for o in run["overlays"] if o["layer"] == "corridor_frequency")
    image = planner_api.get(overlay["image"].removeprefix("/api/v1"))
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    assert b"".join(image.streaming_content)[:8] == b"\x89PNG\r\n\x1a\n"
    cog = next(f for f in run["files"] if f["name"] == "corridor_frequency.tif")
    download = planner_api.get(cog["url"].removeprefix("/api/v1"))
    assert download["Content-Type"].startswith("image/tiff; application=geotiff")
    assert f'filename="simulation-{run["id"]}-corridor_frequency.tif"' in download["Content-Disposition"]
    with rasterio.MemoryFile(b"".join(download.streaming_content)) as memory, memory.open() as dataset:
        assert dataset.crs.to_epsg() == 5186
    statistics = planner_api.get(f"/simulations/runs/{run['id']}/statistics").json()
    assert statistics["wind"]["corridors"]["by_direction"]["0"]["total_length_m"] == 600.0
    assert planner_api.get(f"/simulations/runs/{run['id']}/files/..%2Fsecret").status_code == 404
    assert planner_api.get(f"/simulations/runs/{run['id']}/files/other.tif").status_code == 404


def test_a_study_area_too_large_for_the_resolution_is_refused_with_cells_memory_and_a_suggestion(planner_api, area):
    parameters = {"cell_size": 0.5, "margin_m": 2000}
    response = launch(planner_api, area, "sunlight", parameters, **ENGLISH)
    assert response.status_code == 400
    body = response.json()
    padded = layout(area.area.extent, 0.5, 2000).compute  # 4.6 km square: the shadow margin counts
    assert body["field"] == "cell_size" and padded.cells == 9200 * 9200
    assert f"{padded.cells:,} cells needing about 5.0 GB of memory" in body["detail"]
    assert "the limits are 16,000,000 cells and 2.0 GB" in body["detail"]
    assert body["detail"].endswith("Use cells of 2 m or more.")
    assert not SimulationRun.objects.exists()
    assert launch(planner_api, area, "sunlight", {**parameters, "cell_size": 2}).status_code == 202


def test_a_scenario_or_area_without_buildings_is_refused(planner_api, planner, area):
    empty = StudyArea.objects.create(name="빈 땅", area=scenes.area_polygon(5000, 5000, 5600, 5600), owner=planner)
    response = launch(planner_api, empty)
    assert response.status_code == 400 and "빈 땅" in response.json()["detail"]
    lot = Scenario.objects.create(study_area=empty, name="빈 시나리오", owner=planner)
    response = launch(planner_api, empty, scenario=lot)
    assert response.status_code == 400 and "빈 시나리오" in response.json()["detail"]
    elsewhere = Scenario.objects.create(study_area=area, name="다른 곳", owner=planner)
    assert launch(planner_api, empty, scenario=elsewhere).status_code == 400
    assert launch(planner_api, empty, "comparison", {}).status_code == 400
    assert not SimulationRun.objects.exists()


@pytest.mark.parametrize(
    ("parameters", "field", "words"),
    [
        ({"date": "2025-02-30"}, "date", "2025-02-30"),
        ({"date": "2025-13-01"}, "date", "2025-13-01"),
        ({"date": "2200-06-21"}, "date", "1901"),
        ({"start": "16:00", "end": "08:00"}, "start", "16:00"),
        ({"step_minutes": 7}, "step_minutes", "7"),
        ({"facades": "some"}, "facades", "residential"),
        ({"cloud": 3}, "cloud", "cloud"),
    ],
)
def test_bad_sunlight_parameters_are_refused_naming_the_field(planner_api, area, parameters, field, words):
    response = launch(planner_api, area, "sunlight", parameters, **ENGLISH)
    assert response.status_code == 400
    assert response.json()["field"] == field and words in response.json()["detail"]


def test_a_wind_rose_whose_frequencies_do_not_sum_to_100_is_refused(planner_api, area):
    rose = {"directions_deg": [0, 90, 180, 270], "frequency_pct": [30, 30, 30, 30], "speed_ms": [2, 2, 2, 2]}
    response = launch(planner_api, area, parameters={"wind_rose": rose}, **ENGLISH)
    assert response.status_code == 400
    assert response.json() == {
        "detail": "The wind rose's frequencies (every direction plus calm) sum to 120.0 %; they must sum to "
        "100 % (± 0.5).",
        "field": "wind_rose",
    }
    korean = launch(planner_api, area, parameters={"wind_rose": rose}).json()["detail"]
    assert korean == "바람장미의 빈도(모든 풍향과 무풍의 합)가 120.0 %입니다. 합이 100 %(± 0.5)여야 합니다."
    assert launch(planner_api, area, parameters={"wind_rose": {"season": "monsoon"}}).status_code == 400


def test_the_estimate_gives_cells_and_memory_without_creating_a_run(planner_api, area):
    response = planner_api.post(
        "/simulations/estimate", {"kind": "comparison", "study_area": area.pk, "scenario": None, "parameters": {}}
    )
    assert response.status_code == 400  # a comparison needs a scenario
    body = {"kind": "sunlight", "study_area": area.pk, "parameters": {"cell_size": 5, "margin_m": 100}}
    [estimate] = planner_api.post("/simulations/estimate", body).json()
    assert (estimate["rows"], estimate["columns"], estimate["cells"]) == (160, 160, 25_600)
    assert estimate["bytes"] == 25_600 * 64 and not SimulationRun.objects.exists()


def test_runs_are_listed_by_study_area_scenario_and_base(planner_api, area, tower, planner):
    base = launch(planner_api, area).json()
    scenario = launch(planner_api, area, scenario=tower).json()
    other = scenes.study_area(planner, "다른 대상지")
    launch(planner_api, other)
    ids = lambda query: [run["id"] for run in planner_api.get(f"/simulations/runs?{query}").json()]  # noqa: E731
    assert ids(f"study_area={area.pk}") == [scenario["id"], base["id"]]
    assert ids(f"scenario={tower.pk}") == [scenario["id"]]
    assert ids(f"study_area={area.pk}&base=true") == [base["id"]]
    assert len(ids("kind=corridors")) == 3 and ids("kind=sunlight") == []


def test_cancel_a_queued_run_and_the_worker_leaves_it(planner_api, area, users, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run = launch(planner_api, area).json()
        assert ApiClient(users["admin"]).get(f"/simulations/runs/{run['id']}").status_code == 200
        other_planner = ApiClient(make_user("planner-2", is_planner=True))
        assert other_planner.post(f"/simulations/runs/{run['id']}/cancel").status_code == 403
        cancelled = planner_api.post(f"/simulations/runs/{run['id']}/cancel").json()
        assert (cancelled["status"], cancelled["can_cancel"], cancelled["can_requeue"]) == ("cancelled", False, True)
    run = read(planner_api, run["id"])
    assert (run["status"], run["started"], run["files"]) == ("cancelled", None, [])
    assert planner_api.post(f"/simulations/runs/{run['id']}/cancel").status_code == 409


def test_a_stale_run_shows_as_stale_and_is_queued_again(
    planner_api, area, settings, django_capture_on_commit_callbacks
):
    # the row a worker killed in the middle of a run leaves behind: running, its heartbeat ten minutes old
    run = SimulationRun.objects.create(
        kind="corridors", study_area=area, parameters=launch(planner_api, area).json()["parameters"],
        owner=area.owner, status=SimulationStatus.RUNNING, started=timezone.now() - timedelta(minutes=20),
        heartbeat=timezone.now() - timedelta(minutes=10), stage="corridors:0", progress=40.0,
    )  # fmt: skip
    settings.SIMULATION_STALE_SECONDS = 300
    seen = read(planner_api, run.pk)
    assert (seen["status"], seen["state"], seen["stale"], seen["can_requeue"]) == ("running", "stale", True, True)
    assert seen["status_label"] != "running"
    with django_capture_on_commit_callbacks(execute=True):
        response = planner_api.post(f"/simulations/runs/{run.pk}/requeue")
        assert response.status_code == 202
        queued = response.json()
        assert (queued["status"], queued["attempt"], queued["progress"], queued["stale"]) == ("queued", 2, 0.0, False)
    run = read(planner_api, run.pk)
    assert (run["status"], run["attempt"]) == ("succeeded", 2)
    assert planner_api.post(f"/simulations/runs/{run['id']}/requeue").status_code == 409


def test_a_fresh_running_run_is_not_stale_and_cannot_be_queued_again(planner_api, area):
    run = SimulationRun.objects.create(
        kind="corridors", study_area=area, owner=area.owner, status=SimulationStatus.RUNNING,
        started=timezone.now(), heartbeat=timezone.now(),
    )  # fmt: skip
    seen = read(planner_api, run.pk)
    assert (seen["state"], seen["stale"], seen["can_requeue"]) == ("running", False, False)
    assert planner_api.post(f"/simulations/runs/{run.pk}/requeue").status_code == 409


def test_the_wind_roses_of_seoul_come_with_their_warning(planner_api):
    body = planner_api.get("/simulations/wind-roses").json()
    assert body["illustrative"] is True and body["warning"].startswith("ILLUSTRATIVE DEFAULTS")
    assert set(body["seasons"]) == {"spring", "summer", "autumn", "winter"}
    assert body["prevailing"]["winter"] == 292.5 and body["seasons"]["winter"]["source"] == "seoul-default"
