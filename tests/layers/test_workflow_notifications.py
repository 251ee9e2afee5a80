"""Who is told what, through the inbox: the author on every decision, stage and answer (once), on
comments and replies; department staff on a new assignment; reviewers when a report crosses the
공감 threshold. Tasks run as soon as the request's transaction commits (the immediate backend)."""

import pytest

from layers.models import DistrictPolicy, EventKind, Notification, NotificationKind, Stage, TimelineEvent
from layers.services import comments, moderation, workflow
from layers.services.votes import cast_vote
from mapping.models import User

from .conftest import new_report

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("immediate_tasks")]


def inbox(user):
    return list(Notification.objects.filter(user=user).order_by("pk").values_list("kind", "params"))


def kinds(user):
    return [kind for kind, _ in inbox(user)]


def test_the_author_hears_of_approval_stages_and_exactly_one_answer(hazards, users):
    report = new_report(hazards, users["resident"])
    moderation.approve(users["reviewer"], report.pk, expected_version=1)
    department = users["staff"].department
    workflow.change_stage(users["reviewer"], report.pk, Stage.ASSIGNED, expected_version=2, department=department.pk)
    workflow.change_stage(users["staff"], report.pk, Stage.RESOLVED, expected_version=3, answer="고쳤습니다.")
    assert kinds(users["resident"]) == [NotificationKind.STATUS, NotificationKind.STATUS, NotificationKind.ANSWER]
    assert inbox(users["resident"])[-1][1]["answer"] == "고쳤습니다."
    assert kinds(users["staff"]) == [NotificationKind.ASSIGNMENT]
    assert kinds(users["reviewer"]) == []


def test_a_rejection_tells_the_author_and_nobody_else(hazards, users):
    report = new_report(hazards, users["resident"])
    moderation.reject(users["reviewer"], report.pk, expected_version=1, rule="abuse")
    assert kinds(users["resident"]) == [NotificationKind.STATUS]
    assert Notification.objects.count() == 1


def test_comments_and_replies_reach_the_report_author_and_the_one_replied_to(open_hazards, users):
    report = new_report(open_hazards, users["resident"])
    first = comments.post_comment(users["owner"], report, "저도 봤어요")
    comments.post_comment(users["editor"], report, "맞아요", parent=first)
    comments.post_comment(users["resident"], report, "감사합니다", parent=first)
    assert kinds(users["resident"]) == [NotificationKind.COMMENT, NotificationKind.COMMENT]
    assert kinds(users["owner"]) == [NotificationKind.COMMENT, NotificationKind.COMMENT]
    assert kinds(users["editor"]) == []


def test_an_official_answer_outside_a_stage_change_goes_on_the_timeline_and_to_the_author(open_hazards, users):
    report = new_report(open_hazards, users["resident"])
    answer = comments.post_official_answer(users["reviewer"], report, "다음 주에 보수합니다.")
    event = TimelineEvent.objects.get(feature=report, kind=EventKind.ANSWERED)
    assert event.answer == answer and event.public and event.actor_label == "중구 안전 담당"
    assert kinds(users["resident"]) == [NotificationKind.ANSWER]


def test_the_reviewers_hear_when_the_threshold_is_crossed(open_hazards, users, junggu):
    DistrictPolicy.objects.create(district=junggu, vote_threshold=2)
    report = new_report(open_hazards, users["resident"])
    for name in ("a", "b", "c"):
        cast_vote(User.objects.create_user(name, password="x"), report.pk)
    assert kinds(users["reviewer"]) == [NotificationKind.THRESHOLD]
    assert kinds(users["other_reviewer"]) == []
