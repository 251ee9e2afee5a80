"""A report's way through the district: received → in review → assigned → in progress → resolved,
or declined; reopened when needed.

Who may take which step is in ``TRANSITIONS``: the district's reviewers (and
admins) steer; the staff of the department a report is assigned to start it,
resolve it or hand it back. Assigning needs a department of the report's
district and a due date (by default the category's ``due_days`` from today);
resolving and declining need an official public answer, posted as an official
comment. Each step checks the version the official saw, is timestamped and
attributed on the report's timeline, and tells the author (and a department
its new assignment).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from mapping.errors import Conflict, InvalidInput
from mapping.models import Department

from ..models import CLOSED_STAGES, EventKind, FeatureStatus, NotificationKind, Stage
from ..permissions import can_moderate
from . import comments, notifications
from .features import locked_feature, save_step
from .moderation import mark_first_response, public_text, record_event, tell_author
from .votes import Forbidden

REVIEWER = "reviewer"
DEPARTMENT = "department"


@dataclass(frozen=True)
class Transition:
    to: str
    by: tuple  # REVIEWER and/or DEPARTMENT (admins may do everything)


TRANSITIONS = {
    Stage.RECEIVED: (
        Transition(Stage.IN_REVIEW, (REVIEWER,)),
        Transition(Stage.ASSIGNED, (REVIEWER,)),
        Transition(Stage.DECLINED, (REVIEWER,)),
    ),
    Stage.IN_REVIEW: (
        Transition(Stage.ASSIGNED, (REVIEWER,)),
        Transition(Stage.RESOLVED, (REVIEWER,)),
        Transition(Stage.DECLINED, (REVIEWER,)),
    ),
    Stage.ASSIGNED: (
        Transition(Stage.IN_PROGRESS, (REVIEWER, DEPARTMENT)),
        Transition(Stage.ASSIGNED, (REVIEWER,)),
        Transition(Stage.IN_REVIEW, (REVIEWER, DEPARTMENT)),
        Transition(Stage.RESOLVED, (REVIEWER, DEPARTMENT)),
        Transition(Stage.DECLINED, (REVIEWER,)),
    ),
    Stage.IN_PROGRESS: (
        Transition(Stage.ASSIGNED, (REVIEWER,)),
        Transition(Stage.IN_REVIEW, (REVIEWER, DEPARTMENT)),
        Transition(Stage.RESOLVED, (REVIEWER, DEPARTMENT)),
        Transition(Stage.DECLINED, (REVIEWER,)),
    ),
    Stage.RESOLVED: (Transition(Stage.IN_REVIEW, (REVIEWER,)),),
    Stage.DECLINED: (Transition(Stage.IN_REVIEW, (REVIEWER,)),),
}


def roles_of(user, feature):
    roles = set()
    if can_moderate(user, feature.district_id):
        roles.add(REVIEWER)
    if user.is_authenticated and user.department_id and user.department_id == feature.department_id:
        roles.add(DEPARTMENT)
    return roles


def allowed_next_stages(user, feature):
    """The stages ``user`` may move ``feature`` to, in order (empty when the report is not handled)."""
    if not feature.layer.workflow or feature.status not in (FeatureStatus.PUBLISHED, FeatureStatus.PENDING):
        return []
    roles = roles_of(user, feature)
    if user.is_authenticated and user.is_admin:
        roles = {REVIEWER, DEPARTMENT}
    return [step.to for step in TRANSITIONS[feature.stage] if roles & set(step.by)]


def _check_allowed(user, feature, to):
    if not feature.layer.workflow:
        raise Conflict("This layer's reports are not handled by the district.")
    if feature.status not in (FeatureStatus.PUBLISHED, FeatureStatus.PENDING):
        raise Conflict(f"This report is {feature.status}; only open reports move through the stages.")
    steps = [step.to for step in TRANSITIONS[feature.stage]]
    if to not in steps:
        raise Conflict(f"A report {feature.stage} cannot go to {to}; it can go to: {', '.join(steps)}.")
    if to not in allowed_next_stages(user, feature):
        raise Forbidden(f"You cannot move this report from {feature.stage} to {to}.")


def _department_for(feature, department_id):
    if department_id is None:
        raise InvalidInput("Choose the department the report is assigned to.")
    department = Department.objects.filter(pk=department_id).first()
    if department is None or department.district_id != feature.district_id:
        raise InvalidInput("The department must belong to the report's district.")
    return department


def default_due_date(feature, today=None):
    return (today or timezone.localdate()) + timedelta(days=feature.category.due_days)


def _due_date(feature, due_date):
    due = due_date or default_due_date(feature)
    if not isinstance(due, date):
        raise InvalidInput("The due date must be a date (YYYY-MM-DD).")
    if due < timezone.localdate():
        raise InvalidInput("The due date cannot be in the past.")
    return due


@transaction.atomic
def change_stage(user, feature_id, to, *, expected_version, department=None, due_date=None, answer="", note=""):
    """Move the report to stage ``to``; ``department`` (an id) and ``due_date`` for assigning,
    ``answer`` (public, required) for resolving and declining, ``note`` (internal) for any step."""
    feature = locked_feature(feature_id, expected_version)
    _check_allowed(user, feature, to)
    note = public_text(note, required=to == Stage.IN_REVIEW and DEPARTMENT in roles_of(user, feature), what="note")
    answer = public_text(answer, required=to in CLOSED_STAGES, what="official answer")
    previous = feature.stage
    event = {"from_stage": previous, "to_stage": to, "internal_note": note}
    if to == Stage.ASSIGNED:
        feature.department = _department_for(feature, department)
        feature.due_date = _due_date(feature, due_date)
        event.update(department=feature.department, due_date=feature.due_date)
    if to == Stage.IN_REVIEW and previous in (Stage.ASSIGNED, Stage.IN_PROGRESS):
        event.update(department=feature.department)
    feature.stage = to
    now = timezone.now()
    mark_first_response(feature, now)
    feature.closed_at = now if to in CLOSED_STAGES else None
    official = None
    if answer:
        official = comments.post_official_answer(user, feature, answer, announce=False)
        feature.answered_at = feature.answered_at or now
    save_step(user, feature, f"stage: {previous} → {to}")
    record_event(feature, user, EventKind.STAGE, public_text=answer, answer=official, **event)
    _tell(feature, previous, to, answer)
    return feature


def _tell(feature, previous, to, answer):
    if answer:
        tell_author(feature, NotificationKind.ANSWER, stage_from=previous, stage_to=to, answer=answer)
    else:
        tell_author(feature, stage_from=previous, stage_to=to)
    if to == Stage.ASSIGNED and feature.department_id:
        staff = list(feature.department.staff.filter(is_active=True))
        notifications.notify(
            NotificationKind.ASSIGNMENT,
            staff,
            feature=feature,
            params={"title": feature.title, "due": feature.due_date.isoformat(), "department": str(feature.department)},
        )
