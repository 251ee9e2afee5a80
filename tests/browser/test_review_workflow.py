"""The district's workflow in a real Chromium: a reviewer clears the queue (bulk approve, bulk reject
with a reason, one report assigned from its page), and the resident reads the official answer and
the timeline on their report's page, on a phone; a map popup tells the stage and that a sensitive place is rough."""

import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from layers.models import Feature, FeatureStatus, ModerationLogEntry, Stage
from layers.privacy import with_visible_location
from layers.services import moderation, workflow
from layers.services.features import create_feature
from layers.services.layers import create_layer
from mapping.models import Map

from .editor_helpers import signed_in_context
from .test_map_page import click_on_map, load_sharing_demo, open_map

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def hazards(users, junggu):
    map_ = Map.objects.create(title="중구 안전지도", kind="safety", district=junggu, owner=users["owner"])
    return create_layer(map_, {"name": "위험 요소", "moderation": "pre-moderated", "workflow": True})


def report(layer, user, title, lon):
    geometry = {"type": "Point", "coordinates": [lon, 37.56]}
    return create_feature(user, layer, {"geometry": geometry, "category": "dark-alley", "title": title})


def screenshot(page, tmp_path, name):
    path = tmp_path / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    print(f"screenshot: {path}")


def test_a_reviewer_clears_the_queue(browser, live_server, users, hazards, tmp_path):
    keep = [report(hazards, users["resident"], f"가로등 고장 {n}", 126.99 + n / 1000) for n in range(3)]
    spam = report(hazards, users["owner"], "전단지 광고", 127.0)
    context = signed_in_context(browser, live_server, users["reviewer"])
    page = context.new_page()
    page.goto(f"{live_server.url}/review/")
    assert page.locator("[data-queue-count]").get_attribute("data-queue-count") == "4"
    screenshot(page, tmp_path, "queue-before")

    for feature in keep[:2]:
        page.get_by_label(f"Select “{feature.title}”").check()
    page.get_by_role("button", name="Approve and publish").click()
    page.get_by_text("2 reports done.").wait_for()

    page.get_by_label(f"Select “{spam.title}”").check()
    page.get_by_label("Reason").select_option(label="Advertising")
    page.get_by_label("Explanation for the author and the public").fill("광고는 지도에 올릴 수 없습니다.")
    page.get_by_role("button", name="Reject", exact=True).click()
    page.get_by_text("1 report done.").wait_for()
    assert Feature.objects.get(pk=spam.pk).status == FeatureStatus.REJECTED
    assert ModerationLogEntry.objects.get().public_reason == "광고는 지도에 올릴 수 없습니다."

    page.get_by_role("link", name=keep[2].title).click()
    panel = page.locator(".review-panel")
    panel.get_by_role("button", name="Approve and publish").click()
    page.get_by_text("Saved.").wait_for()
    panel.get_by_text("Change the stage").click()
    page.locator("#id_stage-to").select_option("assigned")
    page.locator("#id_stage-department").select_option(label=users["staff"].department.name)
    page.get_by_role("button", name="Save the stage").click()
    page.get_by_text("Saved.").wait_for()
    assert Feature.objects.get(pk=keep[2].pk).stage == Stage.ASSIGNED

    page.goto(f"{live_server.url}/review/?stage=received")
    assert page.locator("[data-queue-count]").get_attribute("data-queue-count") == "0"
    screenshot(page, tmp_path, "queue-after")
    context.close()


def test_the_resident_reads_the_official_answer_on_a_phone(browser, live_server, users, hazards, tmp_path):
    feature = report(hazards, users["resident"], "<img src=x onerror=alert(1)>", 126.99)
    moderation.approve(users["reviewer"], feature.pk, expected_version=1)
    department = users["staff"].department
    workflow.change_stage(users["reviewer"], feature.pk, Stage.ASSIGNED, expected_version=2, department=department.pk)
    workflow.change_stage(
        users["staff"], feature.pk, Stage.RESOLVED, expected_version=3, answer="가로등을 새로 달았습니다. 감사합니다."
    )
    context = signed_in_context(
        browser, live_server, users["resident"], viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: dialogs.append(dialog) or dialog.dismiss())
    page.goto(f"{live_server.url}/me/reports/")
    page.get_by_role("link", name="<img src=x onerror=alert(1)>").click()
    answer = page.locator(".official-answer")
    assert "가로등을 새로 달았습니다." in answer.inner_text() and "중구 도로과" in answer.inner_text()
    assert page.locator("[aria-current='step']").inner_text() == "resolved"
    timeline = page.locator(".timeline").inner_text()
    assert "moved to assigned" in timeline and "moved to resolved" in timeline
    assert page.locator("h1").inner_text() == "<img src=x onerror=alert(1)>" and not dialogs
    screenshot(page, tmp_path, "official-answer-phone")
    context.close()


def test_the_popup_tells_the_stage_and_that_a_sensitive_place_is_rough(browser, live_server, settings, tmp_path):
    load_sharing_demo(settings, tmp_path)
    published = Feature.objects.filter(layer__map__slug="demo-safety", status=FeatureStatus.PUBLISHED)
    worry = with_visible_location(published.filter(category__key="crime-worry"), AnonymousUser()).first()
    place = json.loads(worry.visible_geojson)["coordinates"]
    assert worry.location_blurred and place != list(worry.geometry.point_on_surface.coords)
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 800})
    page = context.new_page()
    open_map(page, live_server, Map.objects.get(slug="demo-safety"))
    click_on_map(page, place)
    popup = page.locator(".feature-popup")
    popup.locator(".popup-note").wait_for()
    assert popup.locator(".popup-title").inner_text() == worry.title
    with translation.override("en"):
        assert popup.locator(".popup-stage").inner_text() == str(Stage(worry.stage).label)
    assert "shown roughly" in popup.locator(".popup-note").inner_text()
    context.close()
