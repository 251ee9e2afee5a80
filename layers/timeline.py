"""A report's timeline as each viewer may read it.

Everyone who sees the report sees its public steps: when it was approved,
each stage with the acting office ("중구 도로과"), due dates, official answers,
merges and the 공감 threshold. Its author also sees the steps that concern only
them (a rejection and its reason, a referral). Officials — the district's
reviewers, the assigned department's staff and admins — also see internal
notes and who acted.
"""

from .models import EventKind, Stage, TimelineEvent
from .permissions import can_moderate


def is_official_for(user, feature):
    if not user.is_authenticated:
        return False
    in_department = bool(user.department_id) and user.department_id == feature.department_id
    return in_department or can_moderate(user, feature.district_id)


def timeline_events(feature, user):
    events = TimelineEvent.objects.filter(feature=feature).select_related("actor", "department", "related_feature")
    official = is_official_for(user, feature)
    if not (official or (user.is_authenticated and user.pk == feature.author_id)):
        events = events.filter(public=True)
    return [timeline_row(event, official) for event in events.order_by("at", "pk")]


def timeline_row(event, official):
    return {
        "kind": event.kind,
        "kind_label": str(EventKind(event.kind).label),
        "at": event.at,
        "by": event.actor_label,
        "actor": event.actor.username if official and event.actor else None,
        "from_stage": event.from_stage or None,
        "to_stage": event.to_stage or None,
        "to_stage_label": str(Stage(event.to_stage).label) if event.to_stage else None,
        "department": str(event.department) if event.department else None,
        "due_date": event.due_date,
        "text": event.public_text,
        "note": event.internal_note if official else None,
        "official_answer": event.answer_id is not None,
        "related_feature": event.related_feature_id,
        "public": event.public,
    }
