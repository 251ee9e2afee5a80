"""The comment service and the threads each viewer sees: who may comment where, one level of replies,
official answers, abuse flags (also simultaneous ones, on their own database connections), hiding in the
public moderation log without the author, and deleting.
"""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.db.models.functions import Now
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from layers.comment_thread import DELETED, HIDDEN, VISIBLE, comment_view, feature_threads
from layers.models import Comment, CommentFlag, Feature, FeatureStatus, ModerationLogEntry
from layers.services.comments import (
    ADVISORY_LOCK_SPACE,
    delete_comment,
    flag_comment,
    hide_comment,
    post_comment,
    post_official_answer,
    unhide_comment,
)
from layers.services.votes import Forbidden, LoginRequired
from mapping.errors import Conflict, InvalidInput
from mapping.models import User

from ..api import conftest as api_fixtures
from ..api.conftest import add_feature
from ..concurrency import run_together

scenario = api_fixtures.scenario  # the API tests' maps, layer and features, as a fixture here too


@pytest.fixture
def published(scenario):
    return scenario["published"]


def fresh(comment):
    return Comment.objects.get(pk=comment.pk)


def test_a_comment_is_stored_trimmed_under_its_author(published, users):
    comment = post_comment(users["editor"], published, "  가로등이 꺼져 있어요.\n  ")
    assert (comment.feature, comment.author, comment.body) == (published, users["editor"], "가로등이 꺼져 있어요.")
    assert (comment.parent, comment.official, comment.hidden, comment.flag_count) == (None, False, False, 0)


def test_a_reply_joins_its_top_level_comment_and_a_reply_to_a_reply_joins_the_same_thread(published, users):
    top = post_comment(users["editor"], published, "언제부터 그랬나요?")
    reply = post_comment(users["resident"], published, "지난주부터요.", parent=top)
    answer_to_reply = post_comment(users["planner"], published, "저도 봤어요.", parent=reply.pk)
    assert reply.parent == top
    assert answer_to_reply.parent == top
    assert list(top.replies.order_by("pk")) == [reply, answer_to_reply]


def test_a_reply_to_a_comment_of_another_report_is_refused(scenario, users):
    other = add_feature(scenario["layer"], users["editor"], title="다른 제보")
    elsewhere = post_comment(users["editor"], other, "다른 곳")
    with pytest.raises(InvalidInput):
        post_comment(users["planner"], scenario["published"], "답글", parent=elsewhere)
    assert not Comment.objects.filter(feature=scenario["published"]).exists()


def test_a_hidden_comment_and_the_thread_of_a_hidden_one_take_no_replies(published, users):
    top = post_comment(users["editor"], published, "첫 댓글")
    reply = post_comment(users["planner"], published, "답글", parent=top)
    hide_comment(users["reviewer"], reply, rule="abuse", public_reason="")
    with pytest.raises(Conflict):
        post_comment(users["resident"], published, "숨긴 답글에", parent=reply)
    unhide_comment(users["reviewer"], reply)
    hide_comment(users["reviewer"], top, rule="abuse", public_reason="")
    with pytest.raises(Conflict):
        post_comment(users["resident"], published, "숨긴 스레드에", parent=reply)
    assert top.replies.count() == 1


def test_a_thread_whose_first_comment_was_deleted_goes_on(published, users):
    top = post_comment(users["editor"], published, "지울 댓글")
    post_comment(users["planner"], published, "답글", parent=top)
    assert delete_comment(users["editor"], top) == "emptied"
    later = post_comment(users["resident"], published, "계속", parent=top)
    assert later.parent_id == top.pk


@pytest.mark.parametrize(
    "body",
    ["", "   \n\t ", "a\x00b", "가" * 2001],
    ids=["empty", "only-spaces", "nul", "too-long"],
)
def test_bad_text_is_refused_with_a_message(body, published, users):
    with translation.override("en"), pytest.raises(InvalidInput) as error:
        post_comment(users["editor"], published, body)
    assert error.value.status == 400 and error.value.message
    assert not Comment.objects.exists()


def test_the_limit_counts_the_trimmed_text_and_messages_are_korean_by_default(published, users):
    assert len(post_comment(users["editor"], published, f"  {'가' * 2000}  ").body) == 2000
    with pytest.raises(InvalidInput) as error:
        post_comment(users["editor"], published, " ")
    assert error.value.message == "내용을 입력한 뒤 보내 주세요."


def test_anonymous_users_cannot_take_part(published, users):
    comment = post_comment(users["editor"], published, "댓글")
    anonymous = AnonymousUser()
    for step in (
        lambda: post_comment(anonymous, published, "익명"),
        lambda: post_official_answer(anonymous, published, "익명"),
        lambda: flag_comment(anonymous, comment),
        lambda: hide_comment(anonymous, comment, rule="abuse", public_reason=""),
        lambda: unhide_comment(anonymous, comment),
        lambda: delete_comment(anonymous, comment),
    ):
        with pytest.raises(LoginRequired) as error:
            step()
        assert error.value.status == 401


@pytest.mark.parametrize(
    ("role", "feature"),
    [("editor", "pending"), ("other_reviewer", "pending"), ("resident", "private_feature")],
)
def test_a_report_the_user_cannot_see_does_not_exist_for_them(role, feature, scenario, users):
    with pytest.raises(Feature.DoesNotExist):
        post_comment(users[role], scenario[feature], "보이지 않는 제보")
    assert not Comment.objects.exists()


def test_a_pending_report_takes_comments_from_its_reviewers_only(scenario, users):
    pending = scenario["pending"]
    with pytest.raises(Conflict) as error:
        post_comment(users["resident"], pending, "제 제보예요")  # its author sees it but waits for publication
    assert error.value.status == 409
    assert post_comment(users["reviewer"], pending, "확인 중입니다").feature == pending
    assert post_comment(users["admin"], pending, "관리자 메모").feature == pending


def test_the_owner_of_a_private_map_comments_on_it(scenario, users):
    assert post_comment(users["owner"], scenario["private_feature"], "비공개 지도 댓글").pk


def test_pressing_send_twice_stores_one_comment(published, users):
    first = post_comment(users["editor"], published, "두 번 눌렀어요")
    assert post_comment(users["editor"], published, "두 번 눌렀어요") == first
    assert post_comment(users["editor"], published, "다른 말") != first
    top = post_comment(users["planner"], published, "질문")
    assert post_comment(users["editor"], published, "두 번 눌렀어요", parent=top) != first
    assert Comment.objects.filter(author=users["editor"]).count() == 3


def test_the_same_text_much_later_is_a_new_comment(published, users):
    first = post_comment(users["editor"], published, "또 고장")
    Comment.objects.filter(pk=first.pk).update(created=Now() - timedelta(hours=1))
    assert post_comment(users["editor"], published, "또 고장") != first


def test_reviewers_of_the_district_answer_as_its_safety_team(published, users):
    answer = post_official_answer(users["reviewer"], published, "  다음 주에 가로등을 고치겠습니다. ")
    assert (answer.official, answer.official_label, answer.body) == (
        True,
        "중구 안전 담당",
        "다음 주에 가로등을 고치겠습니다.",
    )
    assert answer.parent is None and answer.author == users["reviewer"]


def test_staff_answer_for_the_department_the_report_is_assigned_to(published, users):
    with pytest.raises(Forbidden):
        post_official_answer(users["staff"], published, "아직 우리 일이 아닙니다")
    Feature.objects.filter(pk=published.pk).update(department=users["staff"].department)
    published.refresh_from_db()
    assert post_official_answer(users["staff"], published, "보수했습니다").official_label == "중구 도로과"


def test_admins_answer_as_the_operators(published, users):
    assert post_official_answer(users["admin"], published, "운영자 답변").official_label == "도시 생활 지도 운영자"


@pytest.mark.parametrize("role", ["resident", "editor", "owner", "planner", "other_reviewer"])
def test_others_may_not_answer_officially(role, published, users):
    with pytest.raises(Forbidden) as error:
        post_official_answer(users[role], published, "공식 답변인 척")
    assert error.value.status == 403
    assert not Comment.objects.exists()


def test_a_stranger_to_a_pending_report_gets_not_found_for_an_answer(scenario, users):
    with pytest.raises(Feature.DoesNotExist):
        post_official_answer(users["other_reviewer"], scenario["pending"], "답변")
    assert post_official_answer(users["reviewer"], scenario["pending"], "검토 결과").official


def test_the_first_answer_sets_answered_at_and_leaves_the_version_alone(published, users):
    before = Feature.objects.get(pk=published.pk)
    first = post_official_answer(users["reviewer"], published, "첫 답변")
    assert published.answered_at == first.created
    post_official_answer(users["admin"], Feature.objects.get(pk=published.pk), "둘째 답변")
    after = Feature.objects.get(pk=published.pk)
    assert after.answered_at == first.created
    assert (after.version, after.updated) == (before.version, before.updated)


def test_a_flag_counts_once_per_user_and_different_users_add_up(published, users):
    comment = post_comment(users["editor"], published, "거친 말")
    assert flag_comment(users["resident"], comment, " 욕설 ") is True
    assert flag_comment(users["resident"], comment, "또") is False
    assert flag_comment(users["planner"], comment) is True
    assert fresh(comment).flag_count == 2
    assert CommentFlag.objects.get(user=users["resident"]).reason == "욕설"


def test_a_flag_is_not_an_edit(published, users):
    comment = post_comment(users["editor"], published, "댓글")
    before = fresh(comment).updated
    flag_comment(users["resident"], comment)
    assert fresh(comment).updated == before


def test_nobody_flags_their_own_comment(published, users):
    comment = post_comment(users["editor"], published, "제 댓글")
    with pytest.raises(Forbidden):
        flag_comment(users["editor"], comment)
    assert fresh(comment).flag_count == 0


def test_hidden_and_deleted_comments_take_no_flags_and_long_reasons_are_refused(published, users):
    comment = post_comment(users["editor"], published, "댓글")
    with pytest.raises(InvalidInput):
        flag_comment(users["resident"], comment, "가" * 301)
    hide_comment(users["reviewer"], comment, rule="abuse", public_reason="")
    with pytest.raises(Conflict):
        flag_comment(users["resident"], comment)
    top = post_comment(users["editor"], published, "지울 것")
    post_comment(users["planner"], published, "답", parent=top)
    delete_comment(users["editor"], top)
    with pytest.raises(Conflict):
        flag_comment(users["resident"], top)
    assert not CommentFlag.objects.exists()


def test_a_comment_on_a_report_the_user_cannot_see_cannot_be_flagged(scenario, users):
    comment = post_comment(users["reviewer"], scenario["pending"], "검토 메모")
    with pytest.raises(Comment.DoesNotExist):
        flag_comment(users["editor"], comment)


def test_hiding_writes_the_public_log_without_the_author(published, users):
    author = users["editor"]
    comment = post_comment(author, published, "주소와 전화번호: 010-0000-0000")
    hidden = hide_comment(
        users["reviewer"], comment, rule="personal-data", public_reason=" 개인정보가 있어 가렸습니다. "
    )
    assert hidden.hidden and fresh(comment).hidden
    entry = ModerationLogEntry.objects.get()
    assert (entry.item_kind, entry.action, entry.item_id) == ("comment", "hidden", comment.pk)
    assert (entry.district.code, entry.category_label) == ("11140", "어두운 골목")
    assert (entry.rule.code, entry.rule_label, entry.public_reason) == (
        "personal-data",
        "개인정보 포함",
        "개인정보가 있어 가렸습니다.",
    )
    assert entry.moderator == users["reviewer"]
    user_fields = [f.name for f in ModerationLogEntry._meta.concrete_fields if f.related_model is User]
    assert user_fields == ["moderator"]  # no field can name the author
    assert author.username not in " ".join(str(value) for value in model_to_dict(entry).values())


def test_only_reviewers_of_the_district_and_admins_hide_and_show(published, users):
    comment = post_comment(users["editor"], published, "댓글")
    for role in ("resident", "owner", "staff", "other_reviewer"):
        with pytest.raises(Forbidden):
            hide_comment(users[role], comment, rule="abuse", public_reason="")
    assert not fresh(comment).hidden and not ModerationLogEntry.objects.exists()
    hide_comment(users["admin"], comment, rule="abuse", public_reason="")
    with pytest.raises(Forbidden):
        unhide_comment(users["other_reviewer"], comment)
    assert unhide_comment(users["reviewer"], comment).hidden is False
    assert not fresh(comment).hidden
    assert ModerationLogEntry.objects.count() == 1  # the earlier hiding stays on the record


def test_hiding_needs_a_known_rule_and_happens_once(published, users):
    comment = post_comment(users["editor"], published, "댓글")
    with pytest.raises(InvalidInput):
        hide_comment(users["reviewer"], comment, rule="no-such-rule", public_reason="")
    with pytest.raises(InvalidInput):
        hide_comment(users["reviewer"], comment, rule="abuse", public_reason="가" * 1001)
    assert not fresh(comment).hidden and not ModerationLogEntry.objects.exists()
    hide_comment(users["reviewer"], comment, rule="abuse", public_reason="")
    with pytest.raises(Conflict):
        hide_comment(users["reviewer"], comment, rule="abuse", public_reason="")
    with pytest.raises(Conflict):
        unhide_comment(users["reviewer"], post_comment(users["planner"], published, "멀쩡한 댓글"))
    assert ModerationLogEntry.objects.count() == 1


def test_a_comment_without_replies_is_deleted_and_one_with_replies_is_emptied(published, users):
    alone = post_comment(users["editor"], published, "혼자")
    assert delete_comment(users["editor"], alone) == "deleted"
    assert not Comment.objects.filter(pk=alone.pk).exists()
    top = post_comment(users["editor"], published, "답글 있는 댓글")
    reply = post_comment(users["planner"], published, "답글", parent=top)
    assert delete_comment(users["editor"], top) == "emptied"
    emptied = fresh(top)
    assert (emptied.body, emptied.author) == ("", None)
    assert fresh(reply).body == "답글"
    assert delete_comment(users["planner"], reply) == "deleted"
    assert not Comment.objects.filter(pk__in=[top.pk, reply.pk]).exists()  # the empty thread went with it


def test_only_the_author_deletes_and_official_answers_stay(published, users):
    comment = post_comment(users["editor"], published, "댓글")
    for role in ("resident", "reviewer"):
        with pytest.raises(Forbidden):
            delete_comment(users[role], comment)
    answer = post_official_answer(users["reviewer"], published, "공식 답변")
    with pytest.raises(Conflict):
        delete_comment(users["reviewer"], answer)
    assert Comment.objects.count() == 2


@pytest.fixture
def discussion(published, users):
    """A thread by the editor (hidden, with a reply by the planner) and an official answer."""
    top = post_comment(users["editor"], published, "숨길 댓글")
    reply = post_comment(users["planner"], published, "답글", parent=top)
    flag_comment(users["resident"], top, "욕설")
    hide_comment(users["reviewer"], top, rule="abuse", public_reason="욕설이 있어 가렸습니다.")
    answer = post_official_answer(users["reviewer"], published, "처리하겠습니다.")
    return {"top": top, "reply": reply, "answer": answer}


def test_the_public_sees_a_placeholder_with_the_reason_of_a_hidden_comment(published, discussion):
    with translation.override("ko"):
        count, (thread, answer) = feature_threads(AnonymousUser(), published)
    assert count == 2
    assert (thread.state, thread.body, thread.author) == (HIDDEN, None, "주민")
    assert (thread.hidden_rule, thread.hidden_reason) == ("욕설·비방·혐오 표현", "욕설이 있어 가렸습니다.")
    assert (thread.flag_count, thread.can_flag, thread.can_delete, thread.can_reply) == (None, False, False, False)
    assert [(reply.body, reply.state) for reply in thread.replies] == [("답글", VISIBLE)]
    assert (answer.official, answer.author, answer.body) == (True, "중구 안전 담당", "처리하겠습니다.")


def test_the_rule_of_a_hiding_reads_in_the_viewers_language(published, discussion):
    with translation.override("en"):
        _, (thread, _answer) = feature_threads(AnonymousUser(), published)
    assert thread.hidden_rule == "Abusive or hateful language"


def test_the_author_and_the_reviewers_read_the_hidden_text(published, discussion, users):
    _, (mine, _answer) = feature_threads(users["editor"], published)
    assert (mine.state, mine.body, mine.author, mine.mine, mine.can_delete) == (
        HIDDEN,
        "숨길 댓글",
        "editor",
        True,
        True,
    )
    assert mine.flag_count is None
    _, (reviewed, _answer) = feature_threads(users["reviewer"], published)
    assert (reviewed.body, reviewed.author, reviewed.flag_count) == ("숨길 댓글", "editor", 1)
    _, (other, _answer) = feature_threads(users["other_reviewer"], published)
    assert (other.body, other.author, other.flag_count) == (None, "주민", None)


def test_a_name_is_shown_to_all_when_its_owner_chose_so(published, users):
    User.objects.filter(pk=users["planner"].pk).update(show_name_publicly=True)
    post_comment(User.objects.get(pk=users["planner"].pk), published, "이름 공개")
    post_comment(users["editor"], published, "이름 비공개")
    _, threads = feature_threads(AnonymousUser(), published)
    assert [thread.author for thread in threads] == ["planner", "주민"]


def test_the_viewer_learns_what_they_flagged_and_may_do(published, discussion, users):
    visible = post_comment(users["editor"], published, "보이는 댓글")
    flag_comment(users["resident"], visible)
    view = comment_view(users["resident"], fresh(visible))
    assert (view.flagged, view.can_flag, view.can_delete) == (True, True, False)
    view = comment_view(users["editor"], fresh(visible))
    assert (view.flagged, view.can_flag, view.can_delete) == (False, False, True)
    assert comment_view(users["reviewer"], discussion["answer"]).can_delete is False
    assert comment_view(users["reviewer"], fresh(visible)).can_flag is False  # reviewers hide instead


def test_a_deleted_comment_with_replies_shows_as_deleted_to_everyone(published, users):
    top = post_comment(users["editor"], published, "지울 말")
    post_comment(users["planner"], published, "답글", parent=top)
    delete_comment(users["editor"], top)
    for viewer in (AnonymousUser(), users["editor"], users["reviewer"]):
        _, (thread,) = feature_threads(viewer, published)
        assert (thread.state, thread.body, thread.author, thread.mine) == (DELETED, None, None, False)
        assert len(thread.replies) == 1


def test_threads_come_oldest_first_and_page_by_top_level_comments(published, users):
    tops = [post_comment(users["editor"], published, f"댓글 {n}") for n in range(4)]
    post_comment(users["planner"], published, "답글", parent=tops[2])
    count, threads = feature_threads(users["resident"], published, limit=2, offset=1)
    assert count == 4
    assert [thread.body for thread in threads] == ["댓글 1", "댓글 2"]
    assert [reply.body for reply in threads[1].replies] == ["답글"]


def queries_for_threads(viewer, feature):
    with CaptureQueriesContext(connection) as queries:
        feature_threads(viewer, feature)
    return len(queries)


def test_reading_threads_takes_the_same_queries_for_two_comments_or_twenty(published, users):
    def add_hidden_thread(n):
        top = post_comment(users["editor"], published, f"댓글 {n}")
        post_comment(users["planner"], published, f"답글 {n}", parent=top)
        hide_comment(users["reviewer"], top, rule="abuse", public_reason="")

    add_hidden_thread(0)
    few = {name: queries_for_threads(users[name], published) for name in ("resident", "reviewer")}
    for n in range(1, 10):
        add_hidden_thread(n)
    assert {name: queries_for_threads(users[name], published) for name in ("resident", "reviewer")} == few


@pytest.mark.django_db(transaction=True)
def test_simultaneous_flags_of_many_users_all_count(scenario, users):
    comment = post_comment(users["editor"], scenario["published"], "논란의 댓글")
    flaggers = [User.objects.create_user(username=f"flagger-{n}") for n in range(8)]
    results = run_together(
        [lambda user=user: flag_comment(user, comment) for user in flaggers],
        lambda: Comment.objects.select_for_update().get(pk=comment.pk),
    )
    assert results == [True] * 8
    assert fresh(comment).flag_count == 8
    assert CommentFlag.objects.filter(comment=comment).count() == 8


@pytest.mark.django_db(transaction=True)
def test_simultaneous_flags_of_one_user_count_once(scenario, users):
    comment = post_comment(users["editor"], scenario["published"], "논란의 댓글")
    results = run_together(
        [lambda: flag_comment(users["resident"], comment)] * 3,
        lambda: Comment.objects.select_for_update().get(pk=comment.pk),
    )
    assert sorted(results) == [False, False, True]
    assert fresh(comment).flag_count == 1


@pytest.mark.django_db(transaction=True)
def test_a_double_submission_at_the_same_moment_stores_one_comment(scenario, users):
    published = scenario["published"]
    results = run_together(
        [lambda: post_comment(users["editor"], published, "동시에 두 번")] * 2,
        lambda: connection.cursor().execute(
            "SELECT pg_advisory_xact_lock(%s, %s)", [ADVISORY_LOCK_SPACE, users["editor"].pk]
        ),
    )
    assert results[0] == results[1]
    assert Comment.objects.filter(feature=published).count() == 1


def test_comments_on_a_report_that_left_publication_stay_but_residents_cannot_add(scenario, users):
    published = scenario["published"]
    post_comment(users["editor"], published, "공개 때 쓴 댓글")
    Feature.objects.filter(pk=published.pk).update(status=FeatureStatus.HIDDEN)
    published.refresh_from_db()
    with pytest.raises(Feature.DoesNotExist):
        post_comment(users["editor"], published, "숨긴 뒤")
    with pytest.raises(Conflict):
        post_comment(users["resident"], published, "작성자도")
    assert feature_threads(users["reviewer"], published)[0] == 1
