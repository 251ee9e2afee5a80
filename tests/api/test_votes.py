"""``POST`` / ``DELETE /api/v1/features/{id}/vote`` over HTTP, and the count where features are shown.

Statuses for each rule (401, 404, 403, 409), idempotent answers, ``votes`` and
``voted`` in a read and in a list (read by the page's own query, not one
query per feature), the ETag untouched by a vote, session callers held to
CSRF, and vector tiles carrying the count.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from layers.services.layers import create_layer
from layers.services.votes import cast_vote
from mapping.models import User
from tiles.delivery import memory_cache

from ..tiles.helpers import features_in, tile_of, tile_url
from .conftest import add_feature, assert_json_error


def vote_url(feature):
    return f"/features/{feature.pk}/vote"


@pytest.fixture
def editor(users, api_as):
    return api_as(users["editor"])


def test_voting_and_withdrawing_answer_the_count_and_are_idempotent(scenario, users, editor, api_as):
    feature = scenario["published"]
    for _ in range(2):
        response = editor.post(vote_url(feature))
        assert response.status_code == 200, response.content
        assert response.json() == {"votes": 1, "voted": True}
    assert api_as(users["planner"]).post(vote_url(feature)).json() == {"votes": 2, "voted": True}
    for _ in range(2):
        response = editor.delete(vote_url(feature))
        assert response.status_code == 200, response.content
        assert response.json() == {"votes": 1, "voted": False}


def test_anonymous_callers_get_401(scenario, api_as):
    anonymous = api_as(None)
    assert_json_error(anonymous.post(vote_url(scenario["published"])), 401)
    assert_json_error(anonymous.delete(vote_url(scenario["published"])), 401)


@pytest.mark.parametrize(
    ("role", "feature"),
    [("editor", "pending"), ("resident", "private_feature"), ("other_reviewer", "pending")],
)
def test_a_feature_the_caller_cannot_see_is_404(role, feature, scenario, users, api_as):
    client = api_as(users[role])
    assert assert_json_error(client.post(vote_url(scenario[feature])), 404) == "Not found."
    assert_json_error(client.delete(vote_url(scenario[feature])), 404)


def test_an_unknown_feature_is_404(scenario, editor):
    assert_json_error(editor.post("/features/987654321/vote"), 404)


def test_a_report_that_is_not_published_is_409(scenario, users, api_as):
    detail = assert_json_error(api_as(users["reviewer"]).post(vote_url(scenario["pending"])), 409)
    assert "published" in detail


def test_voting_for_ones_own_report_is_403(scenario, users, api_as):
    detail = assert_json_error(api_as(users["resident"]).post(vote_url(scenario["published"])), 403)
    assert "own report" in detail


def test_unverified_accounts_get_403_when_votes_require_verification(scenario, users, editor, api_as, settings):
    settings.VOTES_REQUIRE_VERIFIED = True
    assert "verified" in assert_json_error(editor.post(vote_url(scenario["published"])), 403)
    User.objects.filter(pk=users["planner"].pk).update(verified=True)
    assert api_as(users["planner"]).post(vote_url(scenario["published"])).json() == {"votes": 1, "voted": True}


def test_a_read_shows_the_count_and_whether_the_caller_voted(scenario, users, editor, api_as):
    feature = scenario["published"]
    path = f"/features/{feature.pk}"
    assert {k: editor.get(path).json()["properties"][k] for k in ("votes", "voted")} == {"votes": 0, "voted": False}
    editor.post(vote_url(feature))
    assert {k: editor.get(path).json()["properties"][k] for k in ("votes", "voted")} == {"votes": 1, "voted": True}
    for other in (api_as(users["planner"]), api_as(None)):
        properties = other.get(path).json()["properties"]
        assert (properties["votes"], properties["voted"]) == (1, False)


@pytest.fixture
def crowded_layer(scenario, users):
    """An open layer with six published reports by the resident."""
    layer = create_layer(scenario["public"], {"name": "공감 시험"})
    for number in range(6):
        add_feature(layer, users["resident"], title=f"제보 {number}")
    return layer


def votes_in_list(client, layer, limit):
    """Each listed title's (votes, voted), and how many queries read the votes table."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/layers/{layer.pk}/features?limit={limit}")
    assert response.status_code == 200, response.content
    listed = {
        f["properties"]["title"]: (f["properties"]["votes"], f["properties"]["voted"])
        for f in response.json()["features"]
    }
    return listed, sum("layers_vote" in query["sql"] for query in queries.captured_queries)


def test_a_list_shows_counts_and_the_callers_votes_with_one_query(crowded_layer, users, editor, api_as):
    features = list(crowded_layer.features.order_by("title"))
    for feature in features[:4]:
        cast_vote(users["editor"], feature.pk)
    cast_vote(users["planner"], features[0].pk)
    listed, vote_queries = votes_in_list(editor, crowded_layer, limit=6)
    assert listed == {
        "제보 0": (2, True),
        "제보 1": (1, True),
        "제보 2": (1, True),
        "제보 3": (1, True),
        "제보 4": (0, False),
        "제보 5": (0, False),
    }
    assert vote_queries == 1  # the page's own query, with an EXISTS per row
    anonymous, vote_queries = votes_in_list(api_as(None), crowded_layer, limit=6)
    assert anonymous["제보 0"] == (2, False)
    assert vote_queries == 0


def test_a_vote_does_not_stale_the_authors_etag(scenario, users, editor, api_as):
    feature = scenario["published"]
    author = api_as(users["resident"])
    etag = author.get(f"/features/{feature.pk}")["ETag"]
    editor.post(vote_url(feature))
    assert author.get(f"/features/{feature.pk}")["ETag"] == etag
    response = author.patch(f"/features/{feature.pk}", {"properties": {"title": "고친 제목"}}, **{"If-Match": etag})
    assert response.status_code == 200, response.content
    assert response.json()["properties"]["votes"] == 1


def test_session_callers_vote_with_the_csrf_token_and_not_without(scenario, users):
    client = Client(enforce_csrf_checks=True)
    client.get("/accounts/login/")
    token = client.cookies["csrftoken"].value
    client.force_login(users["editor"])
    path = f"/api/v1{vote_url(scenario['published'])}"
    assert client.post(path).status_code == 403
    response = client.post(path, headers={"X-CSRFToken": token})
    assert response.status_code == 200, response.content
    assert response.json() == {"votes": 1, "voted": True}
    assert client.delete(path, headers={"X-CSRFToken": token}).json() == {"votes": 0, "voted": False}


@pytest.fixture
def no_cached_tiles():
    """Revisions roll back between tests, so a tile another test cached could answer: start and end empty."""
    cache.clear()
    memory_cache.clear()
    yield
    cache.clear()
    memory_cache.clear()


def test_vector_tiles_carry_the_count(scenario, users, no_cached_tiles):
    feature = scenario["published"]
    url = tile_url(scenario["layer"].pk, *tile_of(126.99, 37.56, 18)[0])
    (before,) = features_in(Client().get(url), scenario["layer"].name)
    assert before["properties"]["votes"] == 0
    cast_vote(users["editor"], feature.pk)
    cast_vote(users["planner"], feature.pk)
    (after,) = features_in(Client().get(url), scenario["layer"].name)
    assert (after["id"], after["properties"]["votes"]) == (feature.pk, 2)
