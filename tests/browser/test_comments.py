"""The comment section in a real Chromium, in Korean, without any script of ours: a resident comments
(with markup that must stay text), replies and reports abuse; a reviewer hides the reported comment with a
rule and a public reason; the resident then reads the placeholder. The page meets WCAG 2.1 AA throughout
and its controls are 44 px targets."""

import pytest

from layers.models import Comment, CommentFlag, ModerationLogEntry, RejectionReason
from layers.services.comments import post_comment, post_official_answer

from ..api import conftest as api_fixtures
from .editor_helpers import signed_in_context
from .test_accessibility import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

scenario = api_fixtures.scenario  # a public map of 중구 with a published report by "resident"

SCRIPT = "<img src=x onerror=alert(1)>"


@pytest.fixture
def abuse_rule():
    """The seeded rule (a flush by an earlier transactional test may have removed it)."""
    RejectionReason.objects.get_or_create(
        code="abuse", defaults={"label_ko": "욕설·비방·혐오 표현", "label_en": "Abusive or hateful language"}
    )


@pytest.fixture
def korean(browser, live_server):
    """``korean(user)`` → a page in a Korean browser signed in as ``user``, collecting dialogs it opens."""
    contexts = []

    def open_as(user):
        context = signed_in_context(browser, live_server, user, locale="ko-KR")
        contexts.append(context)
        page = context.new_page()
        page.dialogs = []
        page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
        return page

    yield open_as
    for context in contexts:
        context.close()


def open_feature(page, live_server, feature):
    page.goto(f"{live_server.url}/features/{feature.pk}/")
    page.locator("#comments").wait_for()


def comment(page, db_comment):
    return page.locator(f"#comment-{db_comment.pk}")


def test_a_resident_comments_replies_and_reports_and_a_reviewer_hides(korean, live_server, scenario, users, abuse_rule):
    feature = scenario["published"]
    rough = post_comment(users["editor"], feature, "이 동네 사람들은 다 바보")
    post_official_answer(users["reviewer"], feature, "다음 주에 가로등을 고치겠습니다.")

    resident = korean(users["resident"])
    open_feature(resident, live_server, feature)
    answer = resident.locator(".comment-official")
    assert answer.locator(".official-badge").inner_text() == "공식 답변"
    assert "중구 안전 담당" in answer.inner_text()
    assert_accessible(resident, "feature page with comments")

    resident.get_by_label("댓글 내용").fill(SCRIPT)
    resident.get_by_role("button", name="댓글 보내기").click()
    mine = Comment.objects.get(body=SCRIPT)
    assert resident.url.endswith(f"#comment-{mine.pk}")
    assert comment(resident, mine).locator(".comment-body").inner_text() == SCRIPT
    assert comment(resident, mine).locator("img").count() == 0
    assert resident.get_by_role("status").first.inner_text() == "댓글을 올렸습니다."

    thread = resident.locator(".comment-thread").filter(has=comment(resident, rough))
    summary = thread.locator("summary", has_text="답글 달기")
    assert summary.bounding_box()["height"] >= 44
    summary.click()
    thread.get_by_label("답글 내용").fill("그런 말은 하지 말아 주세요.")
    thread.get_by_role("button", name="답글 보내기").click()
    reply = Comment.objects.get(body="그런 말은 하지 말아 주세요.")
    assert reply.parent == rough
    replies = resident.locator(".comment-thread").filter(has=comment(resident, rough)).locator(".comment-replies")
    assert "그런 말은 하지 말아 주세요." in replies.inner_text()

    comment(resident, rough).locator("summary", has_text="신고").click()
    comment(resident, rough).get_by_label("무엇이 문제인가요? (선택)").fill("욕설")
    comment(resident, rough).get_by_role("button", name="신고 보내기").click()
    assert "신고한 댓글입니다." in comment(resident, rough).inner_text()
    assert CommentFlag.objects.get().reason == "욕설"

    reviewer = korean(users["reviewer"])
    open_feature(reviewer, live_server, feature)
    target = comment(reviewer, rough)
    assert "신고 1건" in target.inner_text()
    target.locator("summary", has_text="가리기").click()
    target.get_by_label("사유", exact=True).select_option("abuse")
    target.get_by_label("공개 사유 (댓글 자리와 공개 운영 기록에 보임)").fill("다른 주민을 모욕하는 표현")
    assert_accessible(reviewer, "feature page with the hide form open")
    target.get_by_role("button", name="댓글 가리기").click()
    assert "가려진 내용은 작성자와 검토 담당자에게만 보입니다" in comment(reviewer, rough).inner_text()
    entry = ModerationLogEntry.objects.get()
    assert (entry.item_kind, entry.rule.code, entry.public_reason) == ("comment", "abuse", "다른 주민을 모욕하는 표현")

    open_feature(resident, live_server, feature)
    placeholder = comment(resident, rough).inner_text()
    assert "검토 담당자가 가린 댓글입니다." in placeholder and "다른 주민을 모욕하는 표현" in placeholder
    assert "바보" not in placeholder
    assert "그런 말은 하지 말아 주세요." in resident.locator(".comment-replies").inner_text()
    assert_accessible(resident, "feature page with a hidden comment")
    assert resident.dialogs == [] and reviewer.dialogs == []


def test_an_empty_reply_sent_anyway_comes_back_with_the_error_and_focusable_form(korean, live_server, scenario, users):
    feature = scenario["published"]
    top = post_comment(users["editor"], feature, "질문이 있어요")
    page = korean(users["planner"])
    open_feature(page, live_server, feature)
    thread = page.locator(".comment-thread").filter(has=comment(page, top))
    thread.locator("summary", has_text="답글 달기").click()
    box = thread.get_by_label("답글 내용")
    box.fill("   ")
    thread.get_by_role("button", name="답글 보내기").click()
    assert page.url.endswith(f"#reply-form-{top.pk}")
    thread = page.locator(".comment-thread").filter(has=comment(page, top))
    assert thread.get_by_role("alert").inner_text() == "내용을 입력한 뒤 보내 주세요."
    assert thread.get_by_label("답글 내용").is_visible()  # its <details> came back open
    assert thread.get_by_label("답글 내용").get_attribute("aria-invalid") == "true"
    assert top.replies.count() == 0
