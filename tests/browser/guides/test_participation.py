"""In a real Chromium: a resident joins a running campaign (and the leaderboard), then nominates a topic
worth mapping; an organiser draws a campaign's area on the map and opens it."""

import json

import pytest

from guides.models import Campaign, CampaignParticipant, Nomination
from mapping.models import User

from ..editor_helpers import signed_in_context

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_resident_joins_a_campaign_and_nominates_a_topic(browser, live_server, running_campaign, users):
    context = signed_in_context(browser, live_server, users["resident"])
    page = context.new_page()
    page.goto(f"{live_server.url}/take-part/")
    page.get_by_role("link", name="필동 밤길 한 바퀴").click()
    page.get_by_label("show me on the leaderboard").check()
    page.get_by_role("button", name="Join the campaign").click()
    page.get_by_text("You take part in this campaign. Thank you!").wait_for()
    participation = CampaignParticipant.objects.get(campaign=running_campaign)
    assert participation.user == users["resident"] and participation.on_leaderboard
    assert page.get_by_role("link", name="Open the map and add reports").get_attribute("href") == (
        f"/maps/{running_campaign.map_id}/"
    )
    assert page.locator("[data-progress='participants']").inner_text() == "1"

    page.get_by_role("link", name="Take part").first.click()
    page.get_by_role("link", name="What should we map?").click()
    form = page.locator("[data-nominate]")
    form.get_by_label("what to map").fill("골목 무더위 쉼터")
    form.get_by_label("village know-how").check()
    form.get_by_label("why it is worth mapping").fill("여름마다 어르신들이 쉬어 갈 곳을 찾습니다.")
    form.get_by_label("District").select_option(label="Jung-gu")
    form.get_by_role("button", name="Nominate").click()
    page.get_by_role("heading", name="골목 무더위 쉼터").wait_for()
    nomination = Nomination.objects.get(title="골목 무더위 쉼터")
    assert page.url == f"{live_server.url}/topics/{nomination.pk}/"
    assert (nomination.author, nomination.district.code, nomination.kind) == (users["resident"], "11140", "know-how")
    assert page.get_by_text("This is your nomination.").is_visible()

    supporter = signed_in_context(browser, live_server, User.objects.get(username="editor")).new_page()
    supporter.goto(f"{live_server.url}/topics/{nomination.pk}/")
    supporter.get_by_role("button", name="Support this nomination").click()
    supporter.get_by_text("1 resident supports this nomination.").wait_for()
    nomination.refresh_from_db()
    assert nomination.support_count == 1
    supporter.context.close()
    context.close()


def test_an_organiser_draws_the_campaign_area_on_the_map(browser, live_server, running_campaign, users):
    context = signed_in_context(browser, live_server, users["owner"])
    page = context.new_page()
    page.goto(f"{live_server.url}/campaigns/new/?map={running_campaign.map_id}")
    page.wait_for_selector("#campaign-area-map[data-ready]", timeout=60_000)
    page.get_by_role("button", name="Draw the area").click()
    corners = [(-120, -80), (120, -80), (120, 80), (-120, 80)]
    box = page.locator("#campaign-area-map canvas").bounding_box()
    for dx, dy in [*corners, corners[0]]:
        page.mouse.click(box["x"] + box["width"] / 2 + dx, box["y"] + box["height"] / 2 + dy)
    page.get_by_text("The area is drawn.").wait_for()
    area = json.loads(page.locator("#id_area").input_value())
    assert area["type"] == "Polygon" and len(area["coordinates"][0]) == 5
    page.get_by_label("Title").fill("새 캠페인")
    page.locator("#id_goal").fill("보도 턱 모두 찾기")
    page.get_by_label("organised by").fill("필동 주민모임")
    page.get_by_label("first day").fill("2026-06-01")
    page.get_by_label("last day").fill("2026-06-07")
    page.get_by_role("button", name="Open the campaign").click()
    page.get_by_role("heading", name="새 캠페인").wait_for()
    campaign = Campaign.objects.get(title="새 캠페인")
    assert campaign.area.num_points == 5 and campaign.district is None
    context.close()
