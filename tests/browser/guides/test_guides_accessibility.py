"""The guides and participation pages in an automated WCAG 2.1 AA audit (axe-core), in Korean and English:
what residents read and fill in, what officials and guide authors use."""

import pytest
from django.contrib.auth.models import Permission

from guides.models import Guide

from ..editor_helpers import signed_in_context
from ..test_accessibility import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(params=["ko-KR", "en-US"])
def locale(request):
    return request.param


def audit(page, live_server, paths, locale):
    for path in paths:
        page.goto(f"{live_server.url}{path}")
        assert_accessible(page, f"{path} ({locale})")


def test_what_residents_read_and_fill_in_meets_wcag_aa(browser, live_server, participation, users, locale):
    campaign, nomination, item = participation["campaign"], participation["nomination"], participation["item"]
    guide = Guide.objects.get(slug="useful-safe-photos")
    public = browser.new_context(locale=locale, viewport={"width": 360, "height": 740})
    audit(public.new_page(), live_server, ["/guides/", f"/guides/{guide.slug}/", f"/guides/{guide.slug}/print/",
                                           f"/campaigns/{campaign.pk}/summary/"], locale)  # fmt: skip
    public.close()
    context = signed_in_context(browser, live_server, users["editor"], locale=locale)
    paths = ["/take-part/", f"/guides/{guide.slug}/steps/framing/", "/campaigns/", f"/campaigns/{campaign.pk}/",
             "/topics/", f"/topics/{nomination.pk}/", "/plan/", f"/plan/{item.pk}/", "/me/profile/"]  # fmt: skip
    audit(context.new_page(), live_server, paths, locale)
    context.close()


def test_what_officials_and_guide_authors_use_meets_wcag_aa(browser, live_server, participation, users, locale):
    campaign, nomination = participation["campaign"], participation["nomination"]
    reviewer = users["reviewer"]
    reviewer.user_permissions.add(Permission.objects.get(codename="author_guides"))
    context = signed_in_context(browser, live_server, reviewer, locale=locale)
    page = context.new_page()
    audit(page, live_server, [f"/topics/{nomination.pk}/", "/guides/village-safety-map/edit/",
                              "/guides/village-safety-map/revisions/", "/guides/village-safety-map/revisions/1/",
                              "/guides/images/", f"/campaigns/{campaign.pk}/edit/"], locale)  # fmt: skip
    page.goto(f"{live_server.url}/campaigns/new/?map={campaign.map_id}")
    page.wait_for_selector("#campaign-area-map[data-ready]", timeout=60_000)
    assert_accessible(page, f"new campaign with its map ({locale})")
    context.close()
    admin = signed_in_context(browser, live_server, users["admin"], locale=locale)
    audit(admin.new_page(), live_server, ["/plan/new/", f"/plan/{participation['item'].pk}/edit/"], locale)
    admin.close()
