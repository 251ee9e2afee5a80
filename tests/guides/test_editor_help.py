"""Contextual help: each place of the map editor links to the guide step about it, and the link lands there."""

import pytest

from guides.seed import load_guides

pytestmark = pytest.mark.django_db

TOPICS = ["draw", "category", "describe", "photos", "privacy"]


def test_the_editor_links_each_place_to_its_help(client, users, safety_map, hazards):
    client.force_login(users["resident"])
    page = client.get(f"/maps/{safety_map.pk}/").content.decode()
    for topic in TOPICS:
        assert f'href="/guides/help/{topic}/"' in page


@pytest.mark.parametrize(
    ("topic", "step"),
    [
        ("draw", "/guides/village-safety-map/steps/draw/"),
        ("category", "/guides/village-safety-map/steps/category/"),
        ("describe", "/guides/village-safety-map/steps/describe/"),
        ("photos", "/guides/useful-safe-photos/steps/safety-first/"),
        ("privacy", "/guides/privacy-rules/steps/who-sees/"),
    ],
)
def test_a_help_link_opens_the_step_that_answers_it(client, topic, step):
    load_guides()
    response = client.get(f"/guides/help/{topic}/")
    assert response.status_code == 302 and response["Location"] == step
    assert client.get(step).status_code == 200


def test_without_guides_help_opens_the_guide_list_and_unknown_topics_are_404(client):
    assert client.get("/guides/help/photos/")["Location"] == "/guides/"
    assert client.get("/guides/help/nothing/").status_code == 404
