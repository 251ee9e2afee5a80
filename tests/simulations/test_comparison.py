"""Base city vs a scenario that puts an 80 m tower across the avenue: the corridor a northerly blows down is
blocked over its whole length, the houses to the tower's north lose sun and some newly fail the sunlight-right
check; the committee's summary, the difference maps and the one-page report say so."""

import numpy as np
import pytest
import rasterio

from digital_twin.models import SimulationKind
from digital_twin.simulations.comparison import BLOCKED
from digital_twin.simulations.launch import create_run
from digital_twin.simulations.parameters import ParameterError
from tests.api.conftest import ApiClient

from . import scenes
from .runs import computed

pytestmark = pytest.mark.django_db
PARAMETERS = {"wind": scenes.WIND, "sun": scenes.SUN}


@pytest.fixture
def comparison(area, tower, planner):
    return computed(SimulationKind.COMPARISON, area, tower, PARAMETERS, planner)


def test_the_committee_summary_names_what_the_tower_costs(comparison):
    assert comparison.status == "succeeded", comparison.error
    summary = comparison.statistics["committee"]
    assert summary["corridor_length_blocked_m"] == {"0.0": 600.0, "180.0": 600.0}
    assert summary["corridor_length_blocked_prevailing_m"] == 600.0 and summary["prevailing_direction"] == 0.0
    assert summary["corridor_length_blocked_rose_weighted_m"] == pytest.approx(600.0)  # N 70 % + S 30 %
    assert summary["corridor_length_new_m"] == {"0.0": 0.0, "180.0": 0.0}
    assert summary["area_losing_sun_m2"] > 5_000 and summary["max_sun_loss_hours"] > 4
    assert summary["area_newly_failing_sunlight_rule_m2"] > 0
    north_east = scenes.house_at(377, 350)  # across the avenue from the tower's north-east corner
    newly_failing = {entry["id"]: entry for entry in summary["buildings_newly_failing_list"]}
    assert north_east.pk in newly_failing and summary["buildings_newly_failing"] == sorted(newly_failing)
    assert newly_failing[north_east.pk]["name"] == north_east.name
    assert summary["buildings_newly_failing_count"] == len(newly_failing) >= 1
    south_west = scenes.house_at(250, 150)  # south-west of the tower: the tower is north of it, never in its sun
    assert south_west.pk not in newly_failing
    assert summary["new_buildings_failing"] == []  # the tower is an office: its façades are not checked


def test_both_sides_and_the_difference_maps_are_kept(comparison):
    sun = comparison.statistics["sun"]
    assert sun["scenario"]["facades"]["buildings_failing_count"] > sun["base"]["facades"]["buildings_failing_count"]
    counts = comparison.statistics["inputs"]["buildings"]
    assert counts["scenario"]["count"] == counts["base"]["count"] + 1
    assert counts["scenario"]["digest"] != counts["base"]["digest"]
    with rasterio.open(comparison.folder / "corridor_change.tif") as cog:
        northerly = cog.read(1)
    assert (northerly == BLOCKED).sum() == 90  # the avenue's 30 × 3 cells, not only the tower's
    with rasterio.open(comparison.folder / "delta_sun_hours.tif") as cog:
        delta = cog.read(1)
    assert np.nanmin(delta) < -4 and np.nanmax(delta) <= 1e-6  # on open ground a tower only takes sun away
    assert np.isnan(delta).sum() > 0  # cells under buildings are left empty
    with rasterio.open(comparison.folder / "delta_frontal_area_index.tif") as cog:
        assert cog.read(1).max() > 0 and np.isclose(cog.read(1).min(), 0)
    overlays = {o["layer"] for o in comparison.outputs["overlays"]}
    assert {"delta_sun_hours", "newly_failing", "corridor_change", "delta_corridor_frequency"} <= overlays


def test_the_report_is_one_printable_page_with_the_numbers_and_is_served_to_planners(comparison, users):
    html = (comparison.folder / "report.html").read_text(encoding="utf-8")
    summary = comparison.statistics["committee"]
    assert "@page { size: A4" in html and html.count("<img ") == 4  # Δ sun, newly failing, corridors, rose
    assert f"{summary['area_losing_sun_m2']:.0f} m²" in html and "600 m" in html
    for entry in summary["buildings_newly_failing_list"]:
        assert entry["name"] in html
    assert "타워 안" in html and comparison.study_area.name in html
    api = ApiClient(users["planner"])
    response = api.get(f"/simulations/runs/{comparison.pk}/report")
    assert response.status_code == 200 and response["Content-Type"] == "text/html; charset=utf-8"
    assert b"".join(response.streaming_content).decode("utf-8") == html
    assert ApiClient(users["resident"]).get(f"/simulations/runs/{comparison.pk}/report").status_code == 403
    body = api.get(f"/simulations/runs/{comparison.pk}/comparison").json()
    assert body["summary"] == summary and body["warnings"] == []


def test_a_comparison_with_seoul_defaults_warns_in_the_report(area, tower, planner):
    parameters = {"analyses": ["wind"], "wind": {"cell_size": 50, "wind_rose": {"season": "winter"}}}
    run = computed(SimulationKind.COMPARISON, area, tower, parameters, planner)
    html = (run.folder / "report.html").read_text(encoding="utf-8")
    assert "ILLUSTRATIVE DEFAULTS" in html and run.statistics["warnings"]
    assert "sun" not in run.statistics and "area_losing_sun_m2" not in run.statistics["committee"]


def test_a_single_run_or_an_unfinished_comparison_has_no_report(area, tower, planner, users):
    api = ApiClient(users["planner"])
    queued = create_run(SimulationKind.COMPARISON, area, tower, PARAMETERS, planner, enqueue=False)
    assert api.get(f"/simulations/runs/{queued.pk}/report").status_code == 409
    single = computed(SimulationKind.CORRIDORS, area, tower, scenes.WIND, planner)
    assert single.outputs["report"] is None
    assert api.get(f"/simulations/runs/{single.pk}/report").status_code == 404
    assert single.statistics["wind"]["corridors"]["by_direction"]["0"]["count"] == 0  # the tower closes it


def test_the_facades_of_chosen_buildings_only(area, tower, planner):
    north_east, south_west = scenes.house_at(377, 350), scenes.house_at(250, 150)
    chosen = {**scenes.SUN, "facades": [f"base:{north_east.pk}", f"base:{south_west.pk}"]}
    run = computed(SimulationKind.COMPARISON, area, tower, {"analyses": ["sun"], "sun": chosen}, planner)
    assert run.statistics["sun"]["base"]["facades"]["buildings_checked"] == 2
    assert run.statistics["committee"]["buildings_newly_failing"] == [north_east.pk]
    with pytest.raises(ParameterError, match="base:ID"):
        create_run(SimulationKind.SUNLIGHT, area, None, {"facades": ["house 7"]}, planner, enqueue=False)
