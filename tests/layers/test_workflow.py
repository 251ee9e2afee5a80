"""The stages of a handled report: every transition and who may make it, assignment to a
department with a due date, official answers on resolve and decline, reopening, the timeline."""

from datetime import timedelta

import pytest
from django.utils import timezone

from layers.models import Comment, EventKind, Stage, TimelineEvent
from layers.services import moderation, workflow
from layers.services.layers import create_layer
from layers.services.votes import Forbidden
from mapping.errors import Conflict, InvalidInput
from mapping.models import Department

from .conftest import new_report

pytestmark = pytest.mark.django_db

ALL_STAGES = [stage for stage, _ in Stage.choices]


@pytest.fixture
def department(users):
    return users["staff"].department


@pytest.fixture
def report(open_hazards, users):
    return new_report(open_hazards, users["resident"], category="broken-facility", title="깨진 보도블록")


def move(user, feature, to, **details):
    feature.refresh_from_db()
    return workflow.change_stage(user, feature.pk, to, expected_version=feature.version, **details)


def put_at(feature, stage, users, department):
    """Walks ``feature`` to ``stage`` along the usual path, as the reviewer."""
    path = {
        Stage.RECEIVED: [],
        Stage.IN_REVIEW: [(Stage.IN_REVIEW, {})],
        Stage.ASSIGNED: [(Stage.ASSIGNED, {"department": department.pk})],
        Stage.IN_PROGRESS: [(Stage.ASSIGNED, {"department": department.pk}), (Stage.IN_PROGRESS, {})],
        Stage.RESOLVED: [(Stage.IN_REVIEW, {}), (Stage.RESOLVED, {"answer": "고쳤습니다."})],
        Stage.DECLINED: [(Stage.DECLINED, {"answer": "사유지입니다."})],
    }[stage]
    for to, details in path:
        move(users["reviewer"], feature, to, **details)
    feature.refresh_from_db()
    return feature


EXPECTED = {
    # (from, to): who may, among reviewer / staff of the assigned department / resident
    (Stage.RECEIVED, Stage.IN_REVIEW): {"reviewer"},
    (Stage.RECEIVED, Stage.ASSIGNED): {"reviewer"},
    (Stage.RECEIVED, Stage.DECLINED): {"reviewer"},
    (Stage.IN_REVIEW, Stage.ASSIGNED): {"reviewer"},
    (Stage.IN_REVIEW, Stage.RESOLVED): {"reviewer"},
    (Stage.IN_REVIEW, Stage.DECLINED): {"reviewer"},
    (Stage.ASSIGNED, Stage.IN_PROGRESS): {"reviewer", "staff"},
    (Stage.ASSIGNED, Stage.ASSIGNED): {"reviewer"},
    (Stage.ASSIGNED, Stage.IN_REVIEW): {"reviewer", "staff"},
    (Stage.ASSIGNED, Stage.RESOLVED): {"reviewer", "staff"},
    (Stage.ASSIGNED, Stage.DECLINED): {"reviewer"},
    (Stage.IN_PROGRESS, Stage.ASSIGNED): {"reviewer"},
    (Stage.IN_PROGRESS, Stage.IN_REVIEW): {"reviewer", "staff"},
    (Stage.IN_PROGRESS, Stage.RESOLVED): {"reviewer", "staff"},
    (Stage.IN_PROGRESS, Stage.DECLINED): {"reviewer"},
    (Stage.RESOLVED, Stage.IN_REVIEW): {"reviewer"},
    (Stage.DECLINED, Stage.IN_REVIEW): {"reviewer"},
}

DETAILS = {
    Stage.ASSIGNED: {"department": None},
    Stage.RESOLVED: {"answer": "처리했습니다."},
    Stage.DECLINED: {"answer": "처리할 수 없습니다."},
    Stage.IN_REVIEW: {"note": "우리 부서 소관이 아닙니다."},
}


@pytest.mark.parametrize("start", ALL_STAGES)
@pytest.mark.parametrize("to", ALL_STAGES)
@pytest.mark.parametrize("who", ["reviewer", "staff", "resident", "other_reviewer"])
def test_every_transition_and_who_may_make_it(report, users, department, start, to, who):
    feature = put_at(report, start, users, department)
    details = dict(DETAILS.get(to, {}))
    if "department" in details:
        details["department"] = department.pk
    allowed = EXPECTED.get((start, to), set())
    if (start, to) not in EXPECTED:
        with pytest.raises((Conflict, Forbidden)):
            move(users[who], feature, to, **details)
    elif who in allowed:
        moved = move(users[who], feature, to, **details)
        assert moved.stage == to
        event = TimelineEvent.objects.filter(feature=feature, kind=EventKind.STAGE).last()
        assert (event.from_stage, event.to_stage, event.actor) == (start, to, users[who])
    else:
        with pytest.raises(Forbidden):
            move(users[who], feature, to, **details)
        feature.refresh_from_db()
        assert feature.stage == start


def test_admins_make_every_allowed_transition(report, users, department):
    assert move(users["admin"], report, Stage.ASSIGNED, department=department.pk).stage == Stage.ASSIGNED
    assert move(users["admin"], report, Stage.IN_PROGRESS).stage == Stage.IN_PROGRESS


def test_assigning_sets_the_department_and_a_due_date_from_the_category(report, users, department):
    assigned = move(users["reviewer"], report, Stage.ASSIGNED, department=department.pk)
    assert assigned.department == department
    assert assigned.due_date == timezone.localdate() + timedelta(days=7)  # broken-facility: 7 days
    event = TimelineEvent.objects.get(feature=report, to_stage=Stage.ASSIGNED)
    assert event.department == department and event.due_date == assigned.due_date
    assert event.actor_label == "중구 안전 담당"


def test_assigning_needs_a_department_of_the_reports_district_and_no_past_date(report, users, jongnogu):
    with pytest.raises(InvalidInput, match="department"):
        move(users["reviewer"], report, Stage.ASSIGNED)
    elsewhere = Department.objects.create(district=jongnogu, name="종로 도로과")
    with pytest.raises(InvalidInput, match="district"):
        move(users["reviewer"], report, Stage.ASSIGNED, department=elsewhere.pk)
    with pytest.raises(InvalidInput, match="past"):
        move(
            users["reviewer"],
            report,
            Stage.ASSIGNED,
            department=users["staff"].department_id,
            due_date=timezone.localdate() - timedelta(days=1),
        )
    report.refresh_from_db()
    assert report.stage == Stage.RECEIVED and report.department is None


def test_resolving_and_declining_need_an_official_answer_posted_as_an_official_comment(report, users, department):
    with pytest.raises(InvalidInput, match="official answer"):
        move(users["reviewer"], report, Stage.DECLINED)
    put_at(report, Stage.IN_PROGRESS, users, department)
    resolved = move(users["staff"], report, Stage.RESOLVED, answer="보도블록을 교체했습니다.")
    assert resolved.closed_at is not None and resolved.answered_at is not None
    answer = Comment.objects.get(feature=report, official=True)
    assert answer.body == "보도블록을 교체했습니다." and answer.official_label == "중구 도로과"
    event = TimelineEvent.objects.filter(feature=report).last()
    assert event.answer == answer and event.public_text == answer.body and event.actor_label == "중구 도로과"


def test_a_department_hands_a_report_back_with_a_note(report, users, department):
    put_at(report, Stage.ASSIGNED, users, department)
    with pytest.raises(InvalidInput, match="note"):
        move(users["staff"], report, Stage.IN_REVIEW)
    back = move(users["staff"], report, Stage.IN_REVIEW, note="공원녹지과 소관입니다.")
    assert back.stage == Stage.IN_REVIEW
    assert TimelineEvent.objects.filter(feature=report).last().internal_note == "공원녹지과 소관입니다."


def test_staff_of_another_department_cannot_touch_it(report, users, department, junggu):
    put_at(report, Stage.ASSIGNED, users, department)
    other = Department.objects.create(district=junggu, name="공원녹지과")
    users["resident"].department = other
    users["resident"].save()
    with pytest.raises(Forbidden):
        move(users["resident"], report, Stage.IN_PROGRESS)


def test_reopening_clears_the_closing_time(report, users, department):
    put_at(report, Stage.RESOLVED, users, department)
    reopened = move(users["reviewer"], report, Stage.IN_REVIEW)
    assert reopened.closed_at is None and reopened.stage == Stage.IN_REVIEW


def test_first_response_is_the_first_step_and_stays(report, users, department):
    first = move(users["reviewer"], report, Stage.IN_REVIEW).first_response_at
    assert first is not None
    assert move(users["reviewer"], report, Stage.ASSIGNED, department=department.pk).first_response_at == first


def test_layers_the_district_does_not_handle_have_no_stages(safety_map, users):
    plain = create_layer(safety_map, {"name": "안전 시설"})
    feature = new_report(plain, users["resident"])
    with pytest.raises(Conflict, match="not handled"):
        workflow.change_stage(users["reviewer"], feature.pk, Stage.IN_REVIEW, expected_version=feature.version)


def test_a_pending_report_can_be_routed_before_it_is_published(hazards, users, department):
    report = new_report(hazards, users["resident"])
    assigned = move(users["reviewer"], report, Stage.ASSIGNED, department=department.pk)
    assert assigned.stage == Stage.ASSIGNED
    moderation.approve(users["reviewer"], report.pk, expected_version=assigned.version)


def test_a_rejected_report_moves_no_further(hazards, users):
    report = new_report(hazards, users["resident"])
    moderation.reject(users["reviewer"], report.pk, expected_version=1, rule="off-topic")
    with pytest.raises(Conflict):
        move(users["reviewer"], report, Stage.IN_REVIEW)


def test_the_allowed_next_stages_follow_the_roles(report, users, department):
    put_at(report, Stage.ASSIGNED, users, department)
    report.refresh_from_db()
    assert workflow.allowed_next_stages(users["staff"], report) == [Stage.IN_PROGRESS, Stage.IN_REVIEW, Stage.RESOLVED]
    assert workflow.allowed_next_stages(users["resident"], report) == []
