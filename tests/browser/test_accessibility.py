"""An automated WCAG 2.1 AA audit (axe-core, installed with the front end) of every page a resident
meets, in Korean and in English, with the map's panels and the editor's form open.

axe checks colour contrast, names and labels of controls, landmarks, heading order and ARIA use;
keyboard reach and visible focus are tested where each control lives (test_map_panels, test_editor).
"""

from pathlib import Path

import pytest
from django.conf import settings

from layers.models import Feature, FeatureStatus
from mapping.models import User

from .editor_helpers import click_map, open_editor, signed_in_context
from .test_map_page import load_sharing_demo

pytestmark = pytest.mark.django_db(transaction=True)

AXE = Path(settings.BASE_DIR) / "web" / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# The map canvas is a picture: axe cannot read contrast on WebGL pixels, and what it shows is
# carried by the list view, which is audited.
EXCLUDED = [".maplibregl-canvas-container"]


@pytest.fixture
def sharing(settings, tmp_path):
    return load_sharing_demo(settings, tmp_path)


def axe_violations(page):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: scripts/bootstrap.sh runs npm ci in web/frontend")
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """([tags, exclude]) => axe.run({include: [document], exclude: exclude.map((s) => [s])},
                {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})
            .then((result) => result.violations.map((v) => ({
                rule: v.id, impact: v.impact,
                nodes: v.nodes.map((n) => n.target.join(" ") + " — " + n.failureSummary),
            })))""",
        [WCAG_AA, EXCLUDED],
    )


def assert_accessible(page, what):
    violations = axe_violations(page)
    assert violations == [], f"{what}: {violations}"


@pytest.fixture(params=["ko-KR", "en-US"])
def locale(request):
    return request.param


def test_account_and_home_pages_meet_wcag_aa(browser, live_server, sharing, locale):
    context = browser.new_context(locale=locale, viewport={"width": 360, "height": 740})
    page = context.new_page()
    for path in ("/", "/?q=나눔", "/accounts/login/", "/accounts/signup/", "/accounts/password_reset/"):
        page.goto(f"{live_server.url}{path}")
        assert_accessible(page, f"{path} ({locale})")
    context.close()


def test_signed_in_pages_meet_wcag_aa(browser, live_server, sharing, locale):
    resident = User.objects.get(username="demo-resident")
    feature = Feature.objects.filter(layer__map=sharing, status=FeatureStatus.PUBLISHED).first()
    context = signed_in_context(browser, live_server, resident, locale=locale)
    page = context.new_page()
    for path in ("/", "/maps/new/", "/me/reports/", f"/features/{feature.pk}/", "/accounts/password_change/"):
        page.goto(f"{live_server.url}{path}")
        assert_accessible(page, f"{path} ({locale})")
    context.close()


def test_the_map_page_with_each_panel_and_the_editor_form_meets_wcag_aa(browser, live_server, sharing, locale):
    context = signed_in_context(browser, live_server, User.objects.get(username="demo-resident"), locale=locale)
    page = context.new_page()
    open_editor(page, live_server, sharing)
    assert_accessible(page, f"map page ({locale})")
    for tool in ("legend", "list", "share"):
        page.locator(f"#map-tool-{tool}").click()
        page.locator(f"#map-panel-{tool}").wait_for()
        if tool == "list":
            page.wait_for_selector(".map-list-item")
        assert_accessible(page, f"map page, {tool} panel ({locale})")
        page.keyboard.press("Escape")
    page.locator("[data-draw='Polygon']").click()
    page.locator("[data-editor-drawbar]").wait_for()
    assert_accessible(page, f"editor drawing an area ({locale})")
    page.locator("[data-action='cancel']").click()
    page.locator("[data-draw='Point']").click()
    click_map(page, 0, 0)
    page.locator("#editor-title").wait_for()
    assert_accessible(page, f"editor form ({locale})")
    context.close()


def test_the_embed_page_meets_wcag_aa(browser, live_server, sharing):
    context = browser.new_context(locale="ko-KR")
    page = context.new_page()
    page.goto(f"{live_server.url}/maps/{sharing.pk}/embed/")
    page.wait_for_selector("#map[data-loaded-at]", timeout=60_000)
    assert_accessible(page, "embed page")
    context.close()


def test_the_audit_reports_low_contrast_and_unlabelled_controls(browser, live_server, sharing):
    """The audit itself works: a pale button and an unlabelled field added to the home page are caught."""
    page = browser.new_context(locale="en-US").new_page()
    page.goto(f"{live_server.url}/")
    page.evaluate(
        """() => document.querySelector("main").insertAdjacentHTML("beforeend",
            '<button style="color:#bbb;background:#fff">pale</button><input type="text">')"""
    )
    rules = {violation["rule"] for violation in axe_violations(page)}
    assert {"color-contrast", "label"} <= rules
    page.context.close()


def test_the_districts_pages_meet_wcag_aa(browser, live_server, sharing, locale):
    """The review queue, dashboard, moderation log and a report with the officials' panel open, on the demo data."""
    safety = Feature.objects.filter(layer__map__slug="demo-safety", status=FeatureStatus.PUBLISHED).first()
    context = signed_in_context(browser, live_server, User.objects.get(username="demo-reviewer"), locale=locale)
    page = context.new_page()
    for path in ("/review/", "/review/dashboard/11140/", "/moderation-log/"):
        page.goto(f"{live_server.url}{path}")
        assert_accessible(page, f"{path} ({locale})")
    page.goto(f"{live_server.url}/features/{safety.pk}/")
    for summary in page.locator(".review-step > summary").all():
        summary.click()
    assert_accessible(page, f"report with the officials' panel ({locale})")
    context.close()
    staff = signed_in_context(browser, live_server, User.objects.get(username="demo-staff"), locale=locale)
    page = staff.new_page()
    page.goto(f"{live_server.url}/department/")
    assert_accessible(page, f"/department/ ({locale})")
    staff.close()
