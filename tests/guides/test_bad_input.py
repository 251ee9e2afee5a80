"""Bad input gets a clear error and loses nothing: script in any text field is shown as text, oversized
content is refused, text with NUL characters too."""

import pytest

from guides.models import Nomination
from guides.services import plan as plan_service
from guides.services.guides import save_guide
from tests.api.conftest import ApiClient, assert_json_error

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script><img src=x onerror=alert(1)>"
ESCAPED = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"


def test_script_in_text_fields_is_shown_as_text(client, users, campaign):
    nomination = Nomination.objects.create(
        title=SCRIPT, kind="know-how", reason=SCRIPT, example=SCRIPT, author=users["resident"]
    )
    item = plan_service.publish_item(users["admin"], title=SCRIPT, description=SCRIPT)
    campaign.title, campaign.goal, campaign.description, campaign.organiser = SCRIPT, SCRIPT, SCRIPT, SCRIPT
    campaign.closing_note = SCRIPT
    campaign.save()
    pages = [f"/topics/{nomination.pk}/", "/topics/", f"/plan/{item.pk}/", "/plan/", f"/campaigns/{campaign.pk}/",
             f"/campaigns/{campaign.pk}/summary/", "/campaigns/", f"/campaigns/{campaign.pk}/coverage.svg"]  # fmt: skip
    for path in pages:
        page = client.get(path).content.decode()
        assert "<script>alert" not in page and "onerror=alert(1)>" not in page, path
        assert ESCAPED in page or "&lt;script&gt;" in page, path


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/nominations", {"title": "x" * 201, "kind": "know-how", "reason": "이유"}),
        ("/nominations", {"title": "그늘", "kind": "know-how", "reason": "가" * 2001}),
        ("/nominations", {"title": "그늘", "kind": "made-up", "reason": "이유"}),
        ("/nominations", {"title": "그\x00늘", "kind": "know-how", "reason": "이유"}),
    ],
)
def test_oversized_or_malformed_nominations_are_refused(users, path, body):
    assert_json_error(ApiClient(users["resident"]).post(path, body), 422)
    assert not Nomination.objects.exists()


def test_oversized_comments_and_guides_are_refused(users, author, settings):
    item = plan_service.publish_item(users["admin"], title="계획", description="설명")
    assert_json_error(ApiClient(users["resident"]).post(f"/plan/{item.pk}/comments", {"body": "가" * 2001}), 422)
    settings.GUIDE_STEP_MAX_CHARS = 1000
    step = {"anchor": "one", "title_ko": "하나", "body_ko": "<p>" + "가" * 2000 + "</p>"}
    detail = assert_json_error(
        ApiClient(author).post("/guides", {"slug": "big", "title_ko": "큰", "steps": [step]}), 400
    )
    assert "1,000" in detail
    twice = [{"anchor": "one", "title_ko": "하나"}, {"anchor": "one", "title_ko": "둘"}]
    assert_json_error(ApiClient(author).post("/guides", {"slug": "twice", "title_ko": "둘", "steps": twice}), 400)


def test_a_guide_page_shows_titles_as_text_and_only_cleaned_html(client, author):
    body = '<p onclick="alert(2)">글</p><script>alert(3)</script>'
    save_guide(
        author, {"slug": "xss", "title_ko": SCRIPT, "steps": [{"anchor": "a", "title_ko": SCRIPT, "body_ko": body}]}
    )
    page = client.get("/guides/xss/").content.decode()
    assert "<script>alert" not in page and "alert(2)" not in page and "alert(3)" not in page
    assert "&lt;script&gt;" in page and "<p>글</p>" in page
