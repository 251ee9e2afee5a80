"""``/api/v1/twin``: study areas, scenarios and their If-Match edits, isolation of the base stock, copies,
comparisons, exports (GeoJSON, CityJSON 2.0, glb) and uploaded imports run as background tasks."""

import io
import json

import pytest
import shapely
import trimesh
from django.contrib.gis.geos import MultiPolygon, Polygon
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from digital_twin.models import Building, ImportJob, Scenario
from tests.digital_twin.cityjson_checks import assert_valid_cityjson_2
from tests.digital_twin.files import X0, Y0, lonlat, write_smap_zip

pytestmark = pytest.mark.django_db


def square(x, y, size):
    return MultiPolygon(Polygon.from_bbox((x, y, x + size, y + size)), srid=5186)


def geojson_square(x, y, size):
    return shapely.geometry.mapping(lonlat(shapely.box(x, y, x + size, y + size)))


@pytest.fixture
def base():
    """Three base buildings inside the study area (10, 20 and 30 m high) and one outside it."""
    rows = [
        Building.objects.create(footprint=square(X0 + 10 * i * 3, Y0, 10), height=10.0 * (i + 1), floors_above=i + 1,
                                source="test", source_id=f"b{i}")
        for i in range(3)
    ]  # fmt: skip
    Building.objects.create(footprint=square(X0 + 5_000, Y0, 10), height=99.0, source="test", source_id="far")
    return rows


@pytest.fixture
def planner_api(api_as, users):
    return api_as(users["planner"])


@pytest.fixture
def area(planner_api, base):
    response = planner_api.post(
        "/twin/study-areas", {"name": "시청 일대", "area": geojson_square(X0 - 50, Y0 - 50, 300)}
    )
    assert response.status_code == 201, response.content
    return response.json()


@pytest.fixture
def scenario(planner_api, area):
    response = planner_api.post("/twin/scenarios", {"study_area": area["id"], "name": "안 A"})
    assert response.status_code == 201
    return response


def if_match(etag):
    return {"If-Match": etag}


def snapshot():
    return list(Building.objects.order_by("pk").values_list("pk", "height", "floors_above", "footprint", "updated"))


def test_only_planners_and_admins_use_scenarios(api_as, users, area):
    assert api_as(users["resident"]).get("/twin/scenarios").status_code == 403
    assert api_as(None).get("/twin/scenarios").status_code == 401
    assert api_as(users["admin"]).get("/twin/study-areas").status_code == 200


def test_edits_need_if_match_and_refuse_stale_versions(planner_api, scenario):
    sid, etag = scenario.json()["id"], scenario["ETag"]
    body = {"footprint": geojson_square(X0 + 150, Y0 + 100, 20), "height": 45.0}
    assert planner_api.post(f"/twin/scenarios/{sid}/buildings", body).status_code == 428
    added = planner_api.post(f"/twin/scenarios/{sid}/buildings", body, **if_match(etag))
    assert added.status_code == 201 and added["ETag"] == f'"s{sid}-v2"'
    stale = planner_api.post(f"/twin/scenarios/{sid}/buildings", body, **if_match(etag))
    assert stale.status_code == 412


def test_scenario_edits_never_touch_the_base_stock_and_show_in_the_delta(planner_api, scenario, base):
    before = snapshot()
    sid, etag = scenario.json()["id"], scenario["ETag"]
    response = planner_api.post(
        f"/twin/scenarios/{sid}/buildings",
        {
            "footprint": geojson_square(X0 + 150, Y0 + 100, 20),
            "floors_above": 10,
            "name": "신축 업무동",
            "use": "office",
        },
        **if_match(
            etag,
        ),
    )
    etag = response["ETag"]
    response = planner_api.put(f"/twin/scenarios/{sid}/base/{base[0].pk}", {"height": 80.0}, **if_match(etag))
    etag = response["ETag"]
    response = planner_api.put(f"/twin/scenarios/{sid}/base/{base[1].pk}", {"removed": True}, **if_match(etag))
    assert response.status_code == 200
    assert (response.json()["added"], response.json()["changed"], response.json()["removed"]) == (1, 1, 1)
    assert snapshot() == before

    delta = planner_api.get(f"/twin/scenarios/{sid}/delta").json()
    assert sorted(delta["hidden"]) == sorted([base[0].pk, base[1].pk]) and delta["removed"] == [base[1].pk]
    statuses = {f["properties"]["status"]: f["properties"] for f in delta["features"]}
    assert statuses["added"]["height"] == 33.0 and statuses["added"]["name"] == "신축 업무동"  # 10 floors × 3.3 m
    assert statuses["changed"]["height"] == 80.0 and statuses["changed"]["base_height"] == 10.0


def test_a_base_building_outside_the_study_area_cannot_be_changed(planner_api, scenario):
    far = Building.objects.get(source_id="far")
    response = planner_api.put(
        f"/twin/scenarios/{scenario.json()['id']}/base/{far.pk}", {"removed": True}, **if_match(scenario["ETag"])
    )
    assert response.status_code == 400 and "not in the study area" in response.json()["detail"]


def test_bad_heights_and_footprints_are_refused(planner_api, scenario):
    sid, etag = scenario.json()["id"], scenario["ETag"]
    cases = [
        ({"footprint": geojson_square(X0 + 150, Y0, 20), "height": 700.0}, "at most 600"),
        ({"footprint": geojson_square(X0 + 150, Y0, 20), "height": -2.0}, "over 0 m"),
        ({"footprint": geojson_square(X0 + 150, Y0, 20)}, "height (m) or its floors"),
        ({"footprint": {"type": "Point", "coordinates": [126.97, 37.56]}, "height": 9.0}, "must be a polygon"),
        ({"footprint": {"type": "Polygon", "coordinates": [[[126.978, 37.566], [126.979, 37.567], [126.979, 37.566],
                                                            [126.978, 37.567], [126.978, 37.566]]]}, "height": 9.0},
         "not a valid polygon"),
    ]  # fmt: skip
    for body, message in cases:
        response = planner_api.post(f"/twin/scenarios/{sid}/buildings", body, **if_match(etag))
        assert response.status_code == 400 and message in response.json()["detail"], (body, response.content)
    assert Scenario.objects.get(pk=sid).version == 1


def test_only_the_owner_edits_but_any_planner_copies(api_as, users, scenario):
    other = api_as(users["admin"])
    users["resident"].is_planner = True
    users["resident"].save()
    colleague = api_as(users["resident"])
    sid = scenario.json()["id"]
    assert colleague.patch(f"/twin/scenarios/{sid}", {"name": "x"}, **if_match(scenario["ETag"])).status_code == 403
    assert (
        other.patch(f"/twin/scenarios/{sid}", {"name": "관리자 수정"}, **if_match(scenario["ETag"])).status_code == 200
    )
    copy = colleague.post(f"/twin/scenarios/{sid}/copy", {"name": "안 A 복사"})
    assert copy.status_code == 201 and copy.json()["copied_from"] == sid and copy.json()["owner"] == "resident"


def test_copies_and_comparison_over_the_study_area(planner_api, scenario, base, area):
    sid, etag = scenario.json()["id"], scenario["ETag"]
    etag = planner_api.post(
        f"/twin/scenarios/{sid}/buildings", {"footprint": geojson_square(X0 + 150, Y0 + 100, 20), "height": 120.0,
                                             "floors_above": 30}, **if_match(etag))["ETag"]  # fmt: skip
    planner_api.put(f"/twin/scenarios/{sid}/base/{base[2].pk}", {"removed": True}, **if_match(etag))
    copy = planner_api.post(f"/twin/scenarios/{sid}/copy", {}).json()
    assert (copy["added"], copy["removed"], copy["name"]) == (1, 1, "안 A (copy)")

    compared = planner_api.get(f"/twin/compare?first=base&second=scenario:{sid}&study_area={area['id']}").json()
    base_metrics, scenario_metrics = compared["first_metrics"], compared["second_metrics"]
    # base: 3 buildings of 100 m² with 1, 2, 3 floors; heights 10, 20, 30
    assert base_metrics["buildings"] == 3 and base_metrics["floor_area"] == pytest.approx(600.0, rel=1e-3)
    assert (base_metrics["max_height"], base_metrics["mean_height"]) == (30.0, 20.0)
    # scenario: the 30 m one removed, a 120 m tower of 400 m² × 30 floors added
    assert scenario_metrics["buildings"] == 3
    assert scenario_metrics["floor_area"] == pytest.approx(300.0 + 12_000.0, rel=1e-3)
    assert (scenario_metrics["max_height"], scenario_metrics["mean_height"]) == (120.0, 50.0)
    assert compared["difference"]["max_height"] == 90.0
    same = planner_api.get(f"/twin/compare?first={sid}&second={copy['id']}").json()
    assert same["difference"] == {"buildings": 0, "floor_area": 0.0, "max_height": 0.0, "mean_height": 0.0}


def test_exports_of_a_scenario_geojson_cityjson_and_glb(planner_api, scenario, base):
    sid, etag = scenario.json()["id"], scenario["ETag"]
    planner_api.post(f"/twin/scenarios/{sid}/buildings", {"footprint": geojson_square(X0 + 150, Y0 + 100, 20),
                                                          "height": 45.0}, **if_match(etag))  # fmt: skip
    geojson = planner_api.get(f"/twin/scenarios/{sid}/export.geojson")
    assert geojson["Content-Type"] == "application/geo+json"
    features = json.loads(geojson.content)["features"]
    assert sorted(f["properties"]["height"] for f in features) == [10.0, 20.0, 30.0, 45.0]
    cityjson = json.loads(planner_api.get(f"/twin/scenarios/{sid}/export.cityjson").content)
    assert_valid_cityjson_2(cityjson)
    assert len(cityjson["CityObjects"]) == 4
    glb = planner_api.get(f"/twin/scenarios/{sid}/export.glb")
    scene = trimesh.load(io.BytesIO(glb.content), file_type="glb")
    assert len(scene.geometry) == 4
    assert all(mesh.is_watertight for mesh in scene.geometry.values())
    heights = sorted(round(mesh.extents[1], 2) for mesh in scene.geometry.values())  # glTF is y-up
    assert heights == [10.0, 20.0, 30.0, 45.0]
    assert planner_api.get(f"/twin/scenarios/{sid}/export.dwg").status_code == 404


def test_an_uploaded_shapefile_is_imported_by_the_background_task(
    settings, tmp_path, users, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"
    client = Client()
    client.force_login(users["planner"])
    upload = SimpleUploadedFile("AL_D010_11.zip", write_smap_zip(tmp_path).read_bytes(), "application/zip")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v1/twin/imports", {"file": upload, "source": "gis-2024"})
    assert response.status_code == 202, response.content
    job = ImportJob.objects.get(pk=response.json()["id"])
    assert job.status == "done", job.message
    assert job.result["read"] == 4 and job.result["created"] == 4 and job.result["estimated"] == 2
    assert Building.objects.filter(source="gis-2024").count() == 4
    state = client.get(f"/api/v1/twin/imports/{job.pk}").json()
    assert state["status"] == "done" and state["result"]["source"] == "gis-2024"


def test_a_bad_upload_fails_its_job_with_the_reason_and_imports_nothing(
    settings, tmp_path, users, django_capture_on_commit_callbacks
):
    from tests.digital_twin.files import smap_rows

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    rows = smap_rows()
    rows[2]["HEIGHT"] = 700.0
    client = Client()
    client.force_login(users["planner"])
    upload = SimpleUploadedFile("bad.zip", write_smap_zip(tmp_path, rows).read_bytes(), "application/zip")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v1/twin/imports", {"file": upload})
    state = client.get(f"/api/v1/twin/imports/{response.json()['id']}").json()
    assert state["status"] == "failed"
    assert state["message"].startswith(
        "Nothing imported. 1 buildings cannot be imported: row 3 (B0003): the height 700"
    )
    assert not Building.objects.exists()
    resident = Client()
    resident.force_login(users["resident"])
    assert resident.get(f"/api/v1/twin/imports/{response.json()['id']}").status_code == 403
    assert resident.post("/api/v1/twin/imports", {"file": upload}).status_code == 403
