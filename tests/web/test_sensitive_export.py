"""The standalone HTML download places sensitive reports at their blurred point for whoever downloads it: the file
can travel anywhere. Other reports keep their exact place."""

import json
import re

import pytest

from .. import privacy_fixtures
from ..api import conftest as api_fixtures
from ..privacy_fixtures import BLURRED, EXACT, near

scenario = api_fixtures.scenario
sensitive = privacy_fixtures.sensitive


def embedded_places(response):
    """{feature id: (lon, lat)} of the map's point features in the page (district outlines have no id)."""
    assert response.status_code == 200, response.content[:300]
    collections = re.findall(r"^\s*geo_json_\w+_add\((.*)\);$", response.content.decode(), re.MULTILINE)
    features = [feature for collection in collections for feature in json.loads(collection)["features"]]
    return {f["id"]: tuple(f["geometry"]["coordinates"]) for f in features if f["geometry"]["type"] == "Point"}


@pytest.mark.parametrize("role", [None, "owner", "resident", "reviewer", "admin"])
def test_the_download_shows_sensitive_reports_blurred_to_everyone(role, sensitive, users, client):
    if role:
        client.force_login(users[role])
    places = embedded_places(client.get(f"/maps/{sensitive['public'].pk}/export.html"))
    assert near(places[sensitive["crime"].pk], BLURRED)
    assert places[sensitive["alley"].pk] == pytest.approx(EXACT, abs=1e-6)
