"""Privacy through the API: blurred places of sensitive reports in reads, lists, ``bbox`` and history, authors named
only to those who may know them, and a caller shown the blurred place unable to move the report."""

import pytest
from django.contrib.gis.geos import Point

from layers.models import Feature
from layers.services.layers import create_layer

from .. import privacy_fixtures
from ..privacy_fixtures import (
    BLURRED,
    EXACT,
    NEIGHBOUR_BLURRED,
    NEIGHBOUR_EXACT,
    NODE,
    blurred_by_hand,
    lonlat,
    near,
)
from .conftest import point_feature

sensitive = privacy_fixtures.sensitive

ROLES = [None, "resident", "neighbour", "owner", "editor", "reviewer", "other_reviewer", "staff", "admin"]
PRIVILEGED = {"resident", "reviewer", "admin"}  # the author of the reports, 중구's reviewer, an admin


@pytest.fixture
def call_as(sensitive, users, api_as):
    """``call_as(role)``: an API client for a role of the permission matrix, ``"neighbour"`` or None (anonymous)."""

    def make(role):
        if role == "neighbour":
            return api_as(sensitive["neighbour"])
        return api_as(users[role] if role else None)

    return make


def read(client, feature):
    response = client.get(f"/features/{feature.pk}")
    assert response.status_code == 200, response.content
    return response.json()


def place(feature_json):
    return tuple(feature_json["geometry"]["coordinates"])


def listed(client, layer, **query):
    params = "&".join(f"{key}={value}" for key, value in query.items())
    response = client.get(f"/layers/{layer.pk}/features?{params}")
    assert response.status_code == 200, response.content
    return {feature["id"]: feature for feature in response.json()["features"]}


def box_around(lonlat_, half=0.0002):
    """A bbox of about 35 × 45 m around a place: the exact and the blurred place (114 m apart) never share one."""
    lon, lat = lonlat_
    return f"{lon - half},{lat - half},{lon + half},{lat + half}"


# --- reads and lists -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_a_sensitive_report_is_read_at_its_blurred_place_unless_privileged(role, sensitive, call_as):
    body = read(call_as(role), sensitive["crime"])
    privileged = role in PRIVILEGED
    assert near(place(body), EXACT if privileged else BLURRED)
    assert body["geometry"]["type"] == "Point"
    assert body["properties"]["location_blurred"] is not privileged


@pytest.mark.parametrize("role", ROLES)
def test_other_categories_are_read_at_their_exact_place_by_everyone(role, sensitive, call_as):
    body = read(call_as(role), sensitive["alley"])
    assert place(body) == pytest.approx(EXACT, abs=1e-7)
    assert body["properties"]["location_blurred"] is False


def test_the_blurred_place_is_the_same_on_every_read(sensitive, call_as):
    client = call_as(None)
    first, second = (client.get(f"/features/{sensitive['crime'].pk}") for _ in range(2))
    assert first.json()["geometry"] == second.json()["geometry"]
    assert first["ETag"] == second["ETag"]


@pytest.mark.parametrize("role", ROLES)
def test_a_list_locates_each_row_for_its_caller(role, sensitive, call_as):
    features = listed(call_as(role), sensitive["layer"])
    crime, neighbours = features[sensitive["crime"].pk], features[sensitive["neighbours_crime"].pk]
    assert near(place(crime), EXACT if role in PRIVILEGED else BLURRED)
    assert crime["properties"]["location_blurred"] is (role not in PRIVILEGED)
    sees_neighbours_exactly = role in {"neighbour", "reviewer", "admin"}
    assert neighbours["properties"]["location_blurred"] is not sees_neighbours_exactly
    assert near(place(neighbours), NEIGHBOUR_EXACT if sees_neighbours_exactly else NEIGHBOUR_BLURRED)
    assert place(features[sensitive["alley"].pk]) == pytest.approx(EXACT, abs=1e-7)


def test_bbox_finds_a_sensitive_report_only_where_the_caller_sees_it(sensitive, call_as):
    layer, crime, alley = sensitive["layer"], sensitive["crime"].pk, sensitive["alley"].pk
    public, author = call_as(None), call_as("resident")
    assert set(listed(public, layer, bbox=box_around(EXACT))) == {alley}
    assert set(listed(author, layer, bbox=box_around(EXACT))) == {crime, alley}
    assert set(listed(public, layer, bbox=box_around(BLURRED))) == {crime}
    assert set(listed(author, layer, bbox=box_around(BLURRED))) == set()


def test_the_grid_setting_changes_the_place_the_api_shows(sensitive, call_as, settings):
    settings.SENSITIVE_LOCATION_GRID_METRES = 1000
    coarse = blurred_by_hand(*EXACT, grid=1000)
    assert not near(coarse, BLURRED)
    assert near(place(read(call_as(None), sensitive["crime"])), coarse)


# --- authors ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_the_author_is_named_only_to_the_privileged(role, sensitive, call_as):
    properties = read(call_as(role), sensitive["alley"])["properties"]
    named = role in PRIVILEGED
    assert properties["author"] == ("resident" if named else None)
    assert properties["author_label"] == ("resident" if named else "주민")


def test_resident_is_said_in_the_callers_language(sensitive, call_as):
    response = call_as(None).get(f"/features/{sensitive['alley'].pk}", **{"Accept-Language": "en"})
    assert response.json()["properties"]["author_label"] == "Resident"


def test_an_author_who_shows_their_name_is_named_to_all_but_their_place_stays_blurred(sensitive, call_as, users):
    users["resident"].show_name_publicly = True
    users["resident"].save()
    for role in (None, "owner", "neighbour"):
        body = read(call_as(role), sensitive["crime"])
        assert (body["properties"]["author"], body["properties"]["author_label"]) == ("resident", "resident")
        assert near(place(body), BLURRED)


# --- history ---------------------------------------------------------------------------------------------------


@pytest.fixture
def reported(sensitive, call_as):
    """A 범죄 불안 report the resident made through the API on an open layer, moved a little, then retitled."""
    layer = create_layer(sensitive["public"], {"name": "바로 공개 제보"})
    author = call_as("resident")
    created = author.post(f"/layers/{layer.pk}/features", point_feature("crime-worry", *EXACT, title="처음"))
    assert created.status_code == 201, created.content
    feature_id = created.json()["id"]
    moved = lonlat(NODE[0] + 40, NODE[1] - 60)
    body = {"geometry": {"type": "Point", "coordinates": list(moved)}, "properties": {"title": "옮김"}}
    response = author.patch(f"/features/{feature_id}", body, **{"If-Match": created["ETag"]})
    assert response.status_code == 200, response.content
    return Feature.objects.get(pk=feature_id), moved


def history(client, feature):
    response = client.get(f"/features/{feature.pk}/history")
    assert response.status_code == 200, response.content
    return response.json()


def recorded_states(entries):
    return [state for entry in entries for state in (entry["old"], entry["new"]) if state]


def recorded_places(entries):
    return [tuple(state["geometry"]["coordinates"]) for state in recorded_states(entries)]


@pytest.mark.parametrize("role", ["owner", "editor"])
def test_the_maps_owner_and_editors_read_a_sensitive_history_blurred_and_unsigned(role, reported, call_as):
    feature, _ = reported
    entries = history(call_as(role), feature)
    assert len(recorded_places(entries)) == 3  # created; moved (old and new)
    assert all(near(recorded, BLURRED) for recorded in recorded_places(entries))
    assert {state["author_id"] for state in recorded_states(entries)} == {None}
    assert {entry["user"] for entry in entries} == {"주민"}


@pytest.mark.parametrize("role", ["resident", "reviewer", "admin"])
def test_the_author_reviewers_and_admins_read_the_history_as_recorded(role, reported, call_as, users):
    feature, moved = reported
    entries = history(call_as(role), feature)
    assert recorded_places(entries) == [pytest.approx(EXACT), pytest.approx(moved), pytest.approx(EXACT)]
    assert {entry["user"] for entry in entries} == {"resident"}
    assert {entry["new"]["author_id"] for entry in entries} == {users["resident"].pk}


def test_the_history_of_other_categories_keeps_its_places_for_the_owner(sensitive, call_as):
    layer = create_layer(sensitive["public"], {"name": "보통 제보"})
    created = call_as("resident").post(f"/layers/{layer.pk}/features", point_feature("dark-alley", *EXACT))
    (entry,) = history(call_as("owner"), Feature.objects.get(pk=created.json()["id"]))
    assert tuple(entry["new"]["geometry"]["coordinates"]) == pytest.approx(EXACT)
    assert entry["user"] == "주민"


# --- editing a report one sees blurred -------------------------------------------------------------------------


def test_sending_back_the_place_one_was_shown_keeps_the_exact_place(reported, call_as):
    feature, moved = reported
    owner = call_as("owner")
    response = owner.get(f"/features/{feature.pk}")
    shown = response.json()
    body = {"type": "Feature", "geometry": shown["geometry"], "properties": {"category": "crime-worry", "title": "새"}}
    saved = owner.put(f"/features/{feature.pk}", body, **{"If-Match": response["ETag"]})
    assert saved.status_code == 200, saved.content
    assert near(place(saved.json()), BLURRED)
    feature.refresh_from_db()
    assert feature.title == "새"
    assert feature.geometry.coords == pytest.approx(moved, abs=1e-9)


def test_one_shown_the_blurred_place_cannot_move_the_report(reported, call_as):
    feature, moved = reported
    owner = call_as("owner")
    etag = owner.get(f"/features/{feature.pk}")["ETag"]
    body = {"geometry": {"type": "Point", "coordinates": list(BLURRED)}, "properties": {}}
    body["geometry"]["coordinates"][0] += 0.001
    refused = owner.patch(f"/features/{feature.pk}", body, **{"If-Match": etag})
    assert refused.status_code == 403
    feature.refresh_from_db()
    assert feature.geometry.coords == pytest.approx(moved, abs=1e-9)


def test_the_author_moves_their_report(reported, call_as):
    feature, _ = reported
    author = call_as("resident")
    etag = author.get(f"/features/{feature.pk}")["ETag"]
    body = {"geometry": {"type": "Point", "coordinates": list(EXACT)}}
    assert author.patch(f"/features/{feature.pk}", body, **{"If-Match": etag}).status_code == 200
    feature.refresh_from_db()
    assert feature.geometry.equals_exact(Point(*EXACT, srid=4326), tolerance=1e-9)
