"""The inbox and settings pages pass the same axe-core WCAG 2.1 AA audit as every other page, in Korean
and in English and on a phone, with unread and read notifications, the e-mail notice and a saved notice;
and the inbox works from the keyboard: marking one read and opening another reaches the report."""

import pytest

from layers.models import Notification

from ..api import conftest as api_fixtures
from .editor_helpers import signed_in_context
from .test_accessibility import assert_accessible

scenario = api_fixtures.scenario  # the API tests' maps, layer and features, as a fixture here too

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(params=["ko-KR", "en-US"])
def locale(request):
    return request.param


@pytest.fixture
def inbox(users, scenario):
    resident, feature = users["resident"], scenario["published"]
    first = Notification.objects.create(
        user=resident, kind="status", feature=feature, params={"status_to": "published"}
    )
    second = Notification.objects.create(user=resident, kind="answer", feature=feature, params={"answer": "고쳤습니다"})
    read = Notification.objects.create(user=resident, kind="comment", feature=feature, params={"author": "주민"})
    Notification.objects.filter(pk=read.pk).update(read_at="2026-01-01T00:00:00Z")
    return {"resident": resident, "feature": feature, "first": first, "second": second}


def test_the_inbox_and_settings_pages_meet_wcag_aa(browser, live_server, inbox, locale):
    context = signed_in_context(
        browser, live_server, inbox["resident"], locale=locale, viewport={"width": 360, "height": 740}
    )
    page = context.new_page()
    for path in ("/me/inbox/", "/me/inbox/?unread=1", "/me/settings/", "/me/settings/?saved=1"):
        page.goto(f"{live_server.url}{path}")
        assert_accessible(page, f"{path} ({locale})")
    context.close()


def test_the_inbox_works_from_the_keyboard(browser, live_server, inbox):
    context = signed_in_context(browser, live_server, inbox["resident"])
    page = context.new_page()
    page.goto(f"{live_server.url}/me/inbox/")
    page.get_by_role("button", name="Mark read").first.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_text("1 unread notification").is_visible()
    page.locator(f"#notification-{inbox['first'].pk}").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/features/{inbox['feature'].pk}/")
    assert Notification.objects.filter(read_at__isnull=True).count() == 0
    context.close()
