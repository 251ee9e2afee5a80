"""Comments over ``/api/v1``: threads as each caller sees them, posting and replying, official answers,
abuse flags, hiding and showing, deleting, the reviewers' queue of reported comments, and the statuses of
each refusal (401, 403, 404, 409, 400/422), with session callers held to CSRF.
"""

import pytest
from django.test import Client

from layers.models import Comment, ModerationLogEntry
from layers.services.comments import flag_comment, hide_comment, post_comment, post_official_answer

from .conftest import add_feature, assert_json_error

ENGLISH = {"Accept-Language": "en"}


def comments_url(feature):
    return f"/features/{feature.pk}/comments"


@pytest.fixture
def published(scenario):
    return scenario["published"]


@pytest.fixture
def editor(users, api_as):
    return api_as(users["editor"])


@pytest.fixture
def reviewer(users, api_as):
    return api_as(users["reviewer"])


def test_a_comment_and_a_reply_to_a_reply_land_in_one_thread(published, users, editor, api_as):
    response = editor.post(comments_url(published), {"body": "  가로등이 꺼졌어요  "})
    assert response.status_code == 201, response.content
    top = response.json()
    assert (top["body"], top["parent"], top["state"], top["mine"], top["author"]) == (
        "가로등이 꺼졌어요",
        None,
        "visible",
        True,
        "editor",
    )
    reply = api_as(users["planner"]).post(comments_url(published), {"body": "저도요", "parent": top["id"]}).json()
    again = api_as(users["owner"]).post(comments_url(published), {"body": "언제요?", "parent": reply["id"]}).json()
    assert reply["parent"] == again["parent"] == top["id"]
    page = api_as(None).get(comments_url(published)).json()
    assert page["count"] == 1
    (thread,) = page["comments"]
    assert [r["body"] for r in thread["replies"]] == ["저도요", "언제요?"]
    assert "replies" not in thread["replies"][0]  # one level
    assert (thread["can_reply"], thread["author"], thread["mine"]) == (False, "주민", False)


def test_reading_pages_by_top_level_threads(published, users, editor):
    for n in range(3):
        post_comment(users["editor"], published, f"댓글 {n}")
    page = editor.get(f"{comments_url(published)}?limit=1&offset=1").json()
    assert page["count"] == 3
    assert [thread["body"] for thread in page["comments"]] == ["댓글 1"]
    assert_json_error(editor.get(f"{comments_url(published)}?limit=0"), 422)


@pytest.mark.parametrize(
    ("role", "feature"),
    [(None, "pending"), ("editor", "pending"), ("resident", "private_feature"), ("other_reviewer", "pending")],
)
def test_a_feature_the_caller_cannot_see_is_404_to_read_and_write(role, feature, scenario, users, api_as):
    client = api_as(users[role] if role else None)
    assert_json_error(client.get(comments_url(scenario[feature])), 404)
    if role:
        assert_json_error(client.post(comments_url(scenario[feature]), {"body": "안녕"}), 404)
        assert_json_error(client.post(f"/features/{scenario[feature].pk}/answers", {"body": "답"}), 404)
    assert not Comment.objects.exists()


def test_anonymous_writes_are_401(published, users, api_as):
    comment = post_comment(users["editor"], published, "댓글")
    anonymous = api_as(None)
    assert_json_error(anonymous.post(comments_url(published), {"body": "익명"}), 401)
    assert_json_error(anonymous.post(f"/features/{published.pk}/answers", {"body": "익명"}), 401)
    for action in ("flag", "unhide"):
        assert_json_error(anonymous.post(f"/comments/{comment.pk}/{action}", {}), 401)
    assert_json_error(anonymous.post(f"/comments/{comment.pk}/hide", {"rule": "abuse"}), 401)
    assert_json_error(anonymous.delete(f"/comments/{comment.pk}"), 401)


def test_the_author_of_a_pending_report_waits_for_publication_409(scenario, users, api_as):
    detail = assert_json_error(
        api_as(users["resident"]).post(comments_url(scenario["pending"]), {"body": "제 제보"}, **ENGLISH), 409
    )
    assert "published" in detail
    assert api_as(users["reviewer"]).post(comments_url(scenario["pending"]), {"body": "검토 중"}).status_code == 201


@pytest.mark.parametrize(
    ("body", "status"),
    [("", 400), ("   ", 400), ("가" * 2001, 400), ("a\x00b", 422)],
    ids=["empty", "spaces", "too-long", "nul"],
)
def test_bad_text_is_refused(body, status, published, editor):
    assert_json_error(editor.post(comments_url(published), {"body": body}), status)
    assert not Comment.objects.exists()


def test_errors_answer_in_the_callers_language(published, editor):
    assert (
        assert_json_error(editor.post(comments_url(published), {"body": " "}), 400) == "내용을 입력한 뒤 보내 주세요."
    )
    detail = assert_json_error(editor.post(comments_url(published), {"body": " "}, **ENGLISH), 400)
    assert detail == "Write something before sending."


def test_a_reply_to_an_unknown_comment_is_404_and_to_another_reports_is_400(scenario, users, editor):
    assert_json_error(editor.post(comments_url(scenario["published"]), {"body": "답", "parent": 987654}), 404)
    other = add_feature(scenario["layer"], users["editor"], title="다른 제보")
    elsewhere = post_comment(users["planner"], other, "다른 곳")
    assert_json_error(editor.post(comments_url(scenario["published"]), {"body": "답", "parent": elsewhere.pk}), 400)


def test_reviewers_post_official_answers_others_get_403(published, users, reviewer, editor, api_as):
    response = reviewer.post(f"/features/{published.pk}/answers", {"body": "다음 주에 고칩니다."})
    assert response.status_code == 201, response.content
    answer = response.json()
    assert (answer["official"], answer["official_label"], answer["author"]) == (
        True,
        "중구 안전 담당",
        "중구 안전 담당",
    )
    for role in ("editor", "staff", "other_reviewer"):
        assert_json_error(api_as(users[role]).post(f"/features/{published.pk}/answers", {"body": "답"}), 403)
    (thread,) = api_as(None).get(comments_url(published)).json()["comments"]
    assert (thread["official"], thread["author"], thread["can_delete"]) == (True, "중구 안전 담당", False)


def test_flagging_counts_once_and_never_ones_own(published, users, editor, api_as):
    comment = post_comment(users["editor"], published, "거친 말")
    resident = api_as(users["resident"])
    assert resident.post(f"/comments/{comment.pk}/flag", {"reason": "욕설"}).json() == {"flagged": True, "new": True}
    assert resident.post(f"/comments/{comment.pk}/flag", {}).json() == {"flagged": True, "new": False}
    assert_json_error(editor.post(f"/comments/{comment.pk}/flag", {}), 403)
    assert_json_error(resident.post("/comments/987654/flag", {}), 404)
    assert Comment.objects.get(pk=comment.pk).flag_count == 1
    (thread,) = resident.get(comments_url(published)).json()["comments"]
    assert (thread["flagged"], thread["flag_count"]) == (True, None)
    (thread,) = api_as(users["reviewer"]).get(comments_url(published)).json()["comments"]
    assert (thread["flagged"], thread["flag_count"]) == (False, 1)


def test_hiding_shows_a_placeholder_to_the_public_and_the_text_to_author_and_reviewers(
    published, users, reviewer, editor, api_as
):
    comment = post_comment(users["editor"], published, "전화번호 010-0000-0000")
    response = reviewer.post(
        f"/comments/{comment.pk}/hide", {"rule": "personal-data", "public_reason": "개인정보가 있어 가렸습니다."}
    )
    assert response.status_code == 200, response.content
    assert (response.json()["state"], response.json()["body"]) == ("hidden", "전화번호 010-0000-0000")
    (public,) = api_as(None).get(comments_url(published)).json()["comments"]
    assert (public["state"], public["body"], public["hidden_reason"]) == ("hidden", None, "개인정보가 있어 가렸습니다.")
    assert public["hidden_rule"] == "개인정보 포함"
    english = api_as(None).get(comments_url(published), **ENGLISH).json()["comments"][0]
    assert english["hidden_rule"] == "Contains personal information"
    (own,) = editor.get(comments_url(published)).json()["comments"]
    assert (own["body"], own["state"]) == ("전화번호 010-0000-0000", "hidden")
    entry = ModerationLogEntry.objects.get()
    assert (entry.item_kind, entry.action, entry.item_id) == ("comment", "hidden", comment.pk)


def test_hiding_is_for_the_districts_reviewers_with_a_known_rule(published, users, reviewer, editor, api_as):
    comment = post_comment(users["editor"], published, "댓글")
    assert_json_error(editor.post(f"/comments/{comment.pk}/hide", {"rule": "abuse"}), 403)
    assert_json_error(api_as(users["other_reviewer"]).post(f"/comments/{comment.pk}/hide", {"rule": "abuse"}), 403)
    assert_json_error(reviewer.post(f"/comments/{comment.pk}/hide", {"rule": "nonsense"}), 400)
    assert_json_error(reviewer.post(f"/comments/{comment.pk}/hide", {}), 422)
    assert not ModerationLogEntry.objects.exists()
    assert reviewer.post(f"/comments/{comment.pk}/hide", {"rule": "abuse"}).status_code == 200
    assert_json_error(reviewer.post(f"/comments/{comment.pk}/hide", {"rule": "abuse"}), 409)
    shown = reviewer.post(f"/comments/{comment.pk}/unhide", {})
    assert (shown.status_code, shown.json()["state"]) == (200, "visible")
    assert_json_error(reviewer.post(f"/comments/{comment.pk}/unhide", {}), 409)


def test_authors_delete_their_comments_others_get_403(published, users, editor, api_as):
    comment = post_comment(users["editor"], published, "지울 말")
    assert_json_error(api_as(users["reviewer"]).delete(f"/comments/{comment.pk}"), 403)
    assert editor.delete(f"/comments/{comment.pk}").status_code == 204
    assert not Comment.objects.exists()
    assert_json_error(editor.delete(f"/comments/{comment.pk}"), 404)


def test_a_deleted_comment_with_replies_stays_as_a_placeholder(published, users, editor, api_as):
    top = post_comment(users["editor"], published, "지울 말")
    post_comment(users["planner"], published, "답글", parent=top)
    assert editor.delete(f"/comments/{top.pk}").status_code == 204
    (thread,) = api_as(None).get(comments_url(published)).json()["comments"]
    assert (thread["state"], thread["body"], thread["author"]) == ("deleted", None, None)
    assert [reply["body"] for reply in thread["replies"]] == ["답글"]


def test_official_answers_are_not_deleted_409(published, users, reviewer):
    answer = post_official_answer(users["reviewer"], published, "공식 답변")
    assert_json_error(reviewer.delete(f"/comments/{answer.pk}"), 409)


def test_reviewers_see_reported_comments_of_their_districts(scenario, users, reviewer, api_as):
    published = scenario["published"]
    quiet = post_comment(users["editor"], published, "조용한 댓글")
    rough = post_comment(users["editor"], published, "거친 댓글")
    rougher = post_comment(users["planner"], published, "더 거친 댓글")
    flag_comment(users["resident"], rough, "욕설")
    for user in ("resident", "owner"):
        flag_comment(users[user], rougher)
    queue = reviewer.get("/comments/flagged").json()
    assert [(item["id"], item["flag_count"]) for item in queue] == [(rougher.pk, 2), (rough.pk, 1)]
    assert queue[1]["reasons"] == ["욕설"] and queue[1]["feature"] == published.pk
    hide_comment(users["reviewer"], rougher, rule="abuse", public_reason="")
    assert [item["id"] for item in reviewer.get("/comments/flagged").json()] == [rough.pk]
    assert api_as(users["other_reviewer"]).get("/comments/flagged").json() == []
    assert [item["id"] for item in api_as(users["admin"]).get("/comments/flagged").json()] == [rough.pk]
    assert_json_error(api_as(users["resident"]).get("/comments/flagged"), 403)
    assert quiet.pk not in [item["id"] for item in queue]


def test_session_callers_need_the_csrf_token(published, users):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["editor"])
    response = client.post(f"/api/v1{comments_url(published)}", {"body": "세션"}, content_type="application/json")
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_the_openapi_document_lists_the_comment_endpoints(api_as):
    paths = api_as(None).get("/openapi.json").json()["paths"]
    for path in (
        "/api/v1/features/{feature_id}/comments",
        "/api/v1/features/{feature_id}/answers",
        "/api/v1/comments/{comment_id}",
        "/api/v1/comments/{comment_id}/flag",
        "/api/v1/comments/{comment_id}/hide",
        "/api/v1/comments/{comment_id}/unhide",
        "/api/v1/comments/flagged",
    ):
        assert path in paths, path
