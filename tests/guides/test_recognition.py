"""Recognition: points and badges on the resident's profile, counted from what they did — and, switched off
with RECOGNITION_ENABLED, no trace of them in any page, API answer or the API document."""

import json

import pytest

from guides.models import CampaignParticipant, Nomination
from layers.models import Stage
from tests.api.conftest import ApiClient

from .conftest import report

pytestmark = pytest.mark.django_db

TRACES = ("point", "badge", "포인트", "배지", "recognition", "첫 제보", "First report")


@pytest.fixture
def active_resident(users, campaign, hazards):
    resident = users["resident"]
    first = report(hazards, resident, 198_050, 551_050, day=campaign.starts)
    report(hazards, resident, 198_150, 551_050, day=campaign.starts)
    type(first).objects.filter(pk=first.pk).update(stage=Stage.RESOLVED)
    CampaignParticipant.objects.create(campaign=campaign, user=resident)
    Nomination.objects.create(title="그늘", kind="know-how", reason="여름", author=resident, state="selected")
    return resident


def test_points_and_badges_count_what_the_resident_did(active_resident):
    body = ApiClient(active_resident).get("/me/recognition").json()
    assert body["points"] == 2 * 10 + 20 + 5 + 30
    earned = {badge["key"] for badge in body["badges"] if badge["earned"]}
    assert earned == {"first-report", "first-resolved", "campaign", "topic-selected"}


def test_the_profile_shows_them(client, active_resident):
    client.force_login(active_resident)
    page = client.get("/me/profile/").content.decode()
    assert "75포인트" in page and "첫 제보" in page and "첫 해결 제보" in page


def test_switched_off_nothing_shows_in_pages_or_the_api(client, settings, active_resident, campaign):
    settings.RECOGNITION_ENABLED = False
    client.force_login(active_resident)
    for path in (
        "/me/profile/",
        "/",
        "/take-part/",
        f"/campaigns/{campaign.pk}/",
        f"/campaigns/{campaign.pk}/summary/",
    ):
        for language in ("ko", "en"):
            page = client.get(path, HTTP_ACCEPT_LANGUAGE=language).content.decode().lower()
            assert not [trace for trace in TRACES if trace.lower() in page], (path, language)
    api = ApiClient(active_resident)
    assert api.get("/me/recognition").status_code == 404
    document = api.get("/openapi.json").content.decode().lower()
    assert "/me/recognition" not in document and "badge" not in document and "recognition" not in document
    for path in (f"/campaigns/{campaign.pk}", f"/campaigns/{campaign.pk}/progress", "/nominations", "/plan"):
        assert "point" not in json.dumps(api.get(path).json()).lower()


def test_switched_on_the_api_document_lists_it(settings):
    settings.RECOGNITION_ENABLED = True
    assert "/api/v1/me/recognition" in ApiClient(None).get("/openapi.json").json()["paths"]
