"""The digital twin's pages: only planners and admins see them; the 3D view carries its context and style."""

import json

import pytest
from django.contrib.gis.geos import Polygon

from digital_twin.models import Scenario, StudyArea
from tests.digital_twin.files import X0, Y0

pytestmark = pytest.mark.django_db


@pytest.fixture
def scenario(users):
    area = StudyArea.objects.create(
        name="시청 일대", area=Polygon.from_bbox((X0, Y0, X0 + 300, Y0 + 300)), owner=users["planner"]
    )
    area.area.srid = 5186
    return Scenario.objects.create(study_area=area, name="안 A", owner=users["planner"])


def context_of(response):
    html = response.content.decode()
    start = html.index('<script id="twin-context" type="application/json">') + len(
        '<script id="twin-context" type="application/json">'
    )
    return json.loads(html[start : html.index("</script>", start)])


@pytest.mark.parametrize("path", ["/twin/", "/twin/imports/", "scenario"])
def test_planners_see_the_pages_and_residents_do_not(client, users, scenario, path):
    path = f"/twin/scenarios/{scenario.pk}/" if path == "scenario" else path
    client.force_login(users["resident"])
    assert client.get(path).status_code == 403
    client.force_login(users["planner"])
    assert client.get(path).status_code == 200


def test_the_3d_view_raises_the_buildings_and_knows_who_may_edit(client, users, scenario):
    client.force_login(users["planner"])
    context = context_of(client.get(f"/twin/scenarios/{scenario.pk}/"))
    layers = {layer["id"]: layer for layer in context["style"]["layers"]}
    assert layers["buildings-3d"]["layout"]["visibility"] == "visible" and "buildings" not in layers
    assert context["style"]["sources"]["buildings"]["tiles"][0].startswith("http://testserver/tiles/buildings/")
    assert context["canEdit"] is True and context["scenario"]["id"] == scenario.pk
    assert context["area"]["type"] == "MultiPolygon" or context["area"]["type"] == "Polygon"
    users["admin"].is_planner = False
    client.force_login(users["admin"])
    assert context_of(client.get(f"/twin/scenarios/{scenario.pk}/"))["canEdit"] is True


def test_a_planner_creates_a_scenario_from_the_list(client, users, scenario):
    client.force_login(users["planner"])
    response = client.post("/twin/", {"study_area": scenario.study_area_id, "name": "안 B", "description": ""})
    created = Scenario.objects.get(name="안 B")
    assert response.status_code == 302 and response["Location"] == f"/twin/scenarios/{created.pk}/"
    assert created.owner == users["planner"]
