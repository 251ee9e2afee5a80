"""The comment section of a feature's page: threads and official answers shown, the forms posting with CSRF
and coming back to the page, errors next to their form with the text kept, user text shown as text, and
what each visitor is offered (reply, report abuse, hide with the reasons, delete their own)."""

import re

import pytest
from django.test import Client

from layers.models import Comment, CommentFlag, ModerationLogEntry
from layers.services.comments import hide_comment, post_comment, post_official_answer

from ..api import conftest as api_fixtures

pytestmark = pytest.mark.django_db

scenario = api_fixtures.scenario  # the API tests' maps, layer and features, as a fixture here too

SCRIPT = "<img src=x onerror=alert(1)>"


@pytest.fixture
def published(scenario):
    return scenario["published"]


def page_of(client, feature):
    response = client.get(f"/features/{feature.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def comments_url(feature, *parts):
    return "/".join([f"/features/{feature.pk}/comments", *map(str, parts), ""])


def section(page):
    return page[page.index('<section class="comments"') :]


def test_the_thread_shows_replies_and_marks_official_answers(client, published, users):
    top = post_comment(users["editor"], published, "가로등이 꺼졌어요")
    post_comment(users["planner"], published, "저도 봤어요", parent=top)
    answer = post_official_answer(users["reviewer"], published, "다음 주에 고칩니다.")
    page = section(page_of(client, published))
    assert '댓글 <span class="comment-count">(3)</span>' in page
    assert re.search(r'class="comment-replies"[^>]*>\s*<li>\s*<article class="comment comment-visible"', page)
    official = page[page.index(f'id="comment-{answer.pk}"') - 80 :]
    assert "comment-official" in official[:200]
    assert '<span class="official-badge">공식 답변</span>' in official
    assert "중구 안전 담당" in official and "다음 주에 고칩니다." in official
    assert f'href="#comment-{answer.pk}">공식 답변 보기</a>' in page
    assert "주민" in page and "editor" not in page  # names by the privacy rule
    assert "로그인하고 댓글 쓰기" in page and "<textarea" not in page


def test_the_link_to_the_official_answer_goes_to_the_latest(client, published, users):
    post_official_answer(users["reviewer"], published, "접수했습니다.")
    latest = post_official_answer(users["admin"], published, "고쳤습니다.")
    assert f'href="#comment-{latest.pk}">공식 답변 보기</a>' in section(page_of(client, published))


def test_comment_text_is_shown_as_text(client, published, users):
    post_comment(users["editor"], published, f"첫 줄\n{SCRIPT}")
    page = section(page_of(client, published))
    assert SCRIPT not in page
    assert "첫 줄<br>&lt;img src=x onerror=alert(1)&gt;" in page


def test_posting_a_comment_comes_back_to_it_with_a_notice(published, users):
    client = signed_in(users["editor"])
    response = client.post(comments_url(published), {"body": "  새 댓글  "})
    comment = Comment.objects.get()
    assert comment.body == "새 댓글"
    assert response.status_code == 302
    assert response["Location"] == f"/features/{published.pk}/#comment-{comment.pk}"
    page = section(page_of(client, published))
    assert '<p class="comment-notice" role="status">댓글을 올렸습니다.</p>' in page
    assert "댓글을 올렸습니다." not in section(page_of(client, published))  # said once


def test_a_refused_comment_keeps_what_was_typed_next_to_its_form(published, users):
    client = signed_in(users["editor"])
    typed = "가" * 2001
    response = client.post(comments_url(published), {"body": typed})
    assert response["Location"] == f"/features/{published.pk}/#comment-form"
    assert not Comment.objects.exists()
    page = section(page_of(client, published))
    form = page[page.index('id="comment-form"') :]
    assert (
        '<p class="errorlist" id="comment-error" role="alert">글이 2001자입니다. 2000자까지 쓸 수 있습니다.</p>' in form
    )
    assert f'aria-invalid="true" aria-describedby="comment-error">{typed}</textarea>' in form
    assert 'aria-invalid="true"' not in section(page_of(client, published))  # the error goes once read


def test_a_reply_goes_into_the_thread_and_a_refused_one_opens_its_form_again(published, users):
    top = post_comment(users["editor"], published, "질문")
    client = signed_in(users["planner"])
    client.post(comments_url(published), {"body": "답", "parent": top.pk})
    assert Comment.objects.get(body="답").parent == top
    response = client.post(comments_url(published), {"body": f"  {SCRIPT}\x00", "parent": top.pk})
    assert response["Location"] == f"/features/{published.pk}/#reply-form-{top.pk}"
    page = section(page_of(client, published))
    assert re.search(r'<details class="comment-reply" open>\s*<summary>답글 달기</summary>', page)
    assert f'id="reply-error-{top.pk}" role="alert">저장할 수 없는 NUL 문자' in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page and SCRIPT not in page


def test_posting_needs_a_login_and_the_csrf_token(published, users):
    response = Client().post(comments_url(published), {"body": "익명"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(users["editor"])
    assert strict.post(comments_url(published), {"body": "토큰 없이"}).status_code == 403
    page = page_of(strict, published)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    assert (
        strict.post(comments_url(published), {"body": "토큰과 함께", "csrfmiddlewaretoken": token}).status_code == 302
    )
    assert list(Comment.objects.values_list("body", flat=True)) == ["토큰과 함께"]
    assert Client().get(comments_url(published)).status_code == 405


@pytest.mark.parametrize(("role", "feature"), [("editor", "pending"), ("resident", "private_feature")])
def test_forms_on_a_report_the_visitor_cannot_see_are_404(role, feature, scenario, users):
    client = signed_in(users[role])
    assert client.post(comments_url(scenario[feature]), {"body": "몰래"}).status_code == 404
    assert not Comment.objects.exists()


def test_the_author_of_a_pending_report_is_told_comments_open_on_publication(scenario, users):
    page = section(page_of(signed_in(users["resident"]), scenario["pending"]))
    assert "제보가 공개되면 댓글을 쓸 수 있습니다." in page and 'id="comment-form"' not in page
    assert 'id="comment-form"' in section(page_of(signed_in(users["reviewer"]), scenario["pending"]))


def test_residents_report_abuse_once_and_not_their_own(published, users):
    theirs = post_comment(users["editor"], published, "거친 말")
    client = signed_in(users["resident"])
    page = section(page_of(client, published))
    assert f'action="{comments_url(published, theirs.pk, "flag")}"' in page
    response = client.post(comments_url(published, theirs.pk, "flag"), {"reason": "욕설"})
    assert response["Location"] == f"/features/{published.pk}/#comment-{theirs.pk}"
    page = section(page_of(client, published))
    assert "신고해 주셔서 고맙습니다." in page and "신고한 댓글입니다." in page
    assert f'action="{comments_url(published, theirs.pk, "flag")}"' not in page
    client.post(comments_url(published, theirs.pk, "flag"), {"reason": "또"})
    assert "이미 신고한 댓글입니다." in section(page_of(client, published))
    assert CommentFlag.objects.get().reason == "욕설"
    own = signed_in(users["editor"])
    assert f'action="{comments_url(published, theirs.pk, "flag")}"' not in section(page_of(own, published))
    own.post(comments_url(published, theirs.pk, "flag"), {})
    assert "내 댓글은 신고할 수 없습니다." in section(page_of(own, published))
    assert CommentFlag.objects.count() == 1


def test_reviewers_hide_with_a_reason_from_the_list_and_show_again(published, users):
    comment = post_comment(users["editor"], published, "전화번호 010-0000-0000")
    client = signed_in(users["reviewer"])
    page = section(page_of(client, published))
    assert '<option value="personal-data">개인정보 포함</option>' in page
    assert f'action="{comments_url(published, comment.pk, "hide")}"' in page
    client.post(
        comments_url(published, comment.pk, "hide"), {"rule": "personal-data", "public_reason": "개인정보가 있어요"}
    )
    assert Comment.objects.get().hidden
    entry = ModerationLogEntry.objects.get()
    assert (entry.rule.code, entry.public_reason, entry.item_kind) == ("personal-data", "개인정보가 있어요", "comment")
    page = section(page_of(client, published))
    assert "공개 운영 기록에 남겼습니다." in page
    assert "전화번호 010-0000-0000" in page  # reviewers still read it
    assert f'action="{comments_url(published, comment.pk, "unhide")}"' in page
    client.post(comments_url(published, comment.pk, "unhide"))
    assert not Comment.objects.get().hidden


def test_the_public_sees_the_placeholder_and_the_author_the_hidden_text(client, published, users):
    comment = post_comment(users["editor"], published, "숨길 말")
    hide_comment(users["reviewer"], comment, rule="abuse", public_reason="욕설이 있어 가렸습니다.")
    public = section(page_of(client, published))
    assert "검토 담당자가 가린 댓글입니다. 사유: 욕설·비방·혐오 표현. 욕설이 있어 가렸습니다." in public
    assert "숨길 말" not in public
    own = section(page_of(signed_in(users["editor"]), published))
    assert "숨길 말" in own and "가려진 내용은 작성자와 검토 담당자에게만 보입니다" in own
    resident = section(page_of(signed_in(users["resident"]), published))
    assert "숨길 말" not in resident
    assert f'action="{comments_url(published, comment.pk, "hide")}"' not in resident


def test_a_refused_hiding_comes_back_with_its_error_and_typed_reason(published, users):
    comment = post_comment(users["editor"], published, "댓글")
    client = signed_in(users["reviewer"])
    response = client.post(comments_url(published, comment.pk, "hide"), {"rule": "abuse", "public_reason": "가" * 1001})
    assert response["Location"] == f"/features/{published.pk}/#hide-form-{comment.pk}"
    page = section(page_of(client, published))
    assert re.search(r"<details open>\s*<summary>가리기</summary>", page)
    assert f'id="comment-{comment.pk}-error" role="alert">' in page
    assert f">{'가' * 1001}</textarea>" in page
    assert '<option value="abuse" selected>' in page


def test_residents_may_not_hide(published, users):
    comment = post_comment(users["editor"], published, "댓글")
    client = signed_in(users["resident"])
    client.post(comments_url(published, comment.pk, "hide"), {"rule": "abuse"})
    assert not Comment.objects.get().hidden
    assert "검토 담당자만 댓글을 가리거나" in section(page_of(client, published))


def test_authors_delete_their_own_comments(published, users):
    mine = post_comment(users["editor"], published, "지울 말")
    theirs = post_comment(users["planner"], published, "남길 말")
    client = signed_in(users["editor"])
    page = section(page_of(client, published))
    assert f'action="{comments_url(published, mine.pk, "delete")}"' in page
    assert f'action="{comments_url(published, theirs.pk, "delete")}"' not in page
    response = client.post(comments_url(published, mine.pk, "delete"))
    assert response["Location"] == f"/features/{published.pk}/#comments"
    assert list(Comment.objects.values_list("body", flat=True)) == ["남길 말"]
    client.post(comments_url(published, theirs.pk, "delete"))
    assert Comment.objects.filter(pk=theirs.pk).exists()
    assert "내가 쓴 댓글만 삭제할 수 있습니다." in section(page_of(client, published))


def test_a_comment_of_another_report_is_404_in_this_ones_forms(scenario, users):
    other = api_fixtures.add_feature(scenario["layer"], users["editor"], title="다른 제보")
    elsewhere = post_comment(users["editor"], other, "다른 곳")
    client = signed_in(users["resident"])
    assert client.post(comments_url(scenario["published"], elsewhere.pk, "flag")).status_code == 404


def test_staff_of_the_assigned_department_get_the_answer_form_for_their_unit(published, users):
    assert 'id="answer-form"' not in section(page_of(signed_in(users["staff"]), published))
    published.department = users["staff"].department
    published.save(update_fields=["department"])
    client = signed_in(users["staff"])
    page = section(page_of(client, published))
    assert "중구 도로과 이름으로 공식 답변" in page
    response = client.post(comments_url(published, "answer"), {"body": "보수를 마쳤습니다."})
    answer = Comment.objects.get()
    assert response["Location"] == f"/features/{published.pk}/#comment-{answer.pk}"
    assert (answer.official, answer.official_label) == (True, "중구 도로과")
    response = signed_in(users["editor"]).post(comments_url(published, "answer"), {"body": "가짜 답변"})
    assert response["Location"] == f"/features/{published.pk}/#answer-form"
    assert Comment.objects.count() == 1


def test_the_section_reads_in_english_when_asked(published, users):
    post_official_answer(users["reviewer"], published, "답변")
    client = signed_in(users["editor"])
    page = section(client.get(f"/features/{published.pk}/", headers={"Accept-Language": "en"}).content.decode())
    assert ">Comments <span" in page and "Official answer</span>" in page and "Send the comment" in page
