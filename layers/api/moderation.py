"""Pre-moderation over the API: the reasons to choose from, approve / reject / hide / restore a report,
and the public moderation log.

Decisions need ``If-Match`` with the report's ETag, like every other write to a
feature: a reviewer never approves text the author changed after they read it.
The log is public and names no author.
"""

from datetime import datetime

from django.http import HttpResponse
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from mapping.api.security import caller, require_user
from mapping.api.text import Text
from mapping.api.versioning import if_match_version, version_parser, with_etag

from ..models import ModerationLogEntry, RejectionReason
from ..permissions import can_moderate
from ..services import moderation
from .features import viewable_feature
from .serializers import serialize_feature

router = Router(tags=["moderation"])


class ReasonOut(Schema):
    code: str
    label_ko: str
    label_en: str


class DecisionIn(Schema):
    action: str = Field(description="approve, reject (pending reports), hide (published ones) or restore")
    rule: Text = Field("", description="A reason code from GET /moderation/reasons; needed to reject or hide")
    public_reason: Text = Field("", max_length=1000, description="Free text the author and the public read")


class LogEntryOut(Schema):
    at: datetime
    item_kind: str
    action: str
    district: str | None
    category: str
    rule: str
    public_reason: str
    item_id: int | None = Field(None, description="Only for the district's reviewers and admins")


class LogPage(Schema):
    entries: list[LogEntryOut]
    numberMatched: int


class LogFilters(Schema):
    district: str | None = Field(None, description="A district code, e.g. 11140")
    item_kind: str | None = None
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0)


@router.get("/moderation/reasons", response=list[ReasonOut], summary="Reasons a reviewer can reject or hide for")
def reasons(request):
    return list(RejectionReason.objects.filter(active=True))


def decide(user, feature_id, version, payload):
    if payload.action == "approve":
        return moderation.approve(user, feature_id, expected_version=version)
    if payload.action == "restore":
        return moderation.restore(user, feature_id, expected_version=version)
    if payload.action in ("reject", "hide"):
        step = moderation.reject if payload.action == "reject" else moderation.hide
        return step(user, feature_id, expected_version=version, rule=payload.rule, public_reason=payload.public_reason)
    raise HttpError(400, "action must be approve, reject, hide or restore.")


@router.post("/features/{int:feature_id}/moderation", summary="Approve, reject, hide or restore (needs If-Match)")
def moderate(request, feature_id: int, payload: DecisionIn, response: HttpResponse):
    user = require_user(request)
    feature = viewable_feature(request, feature_id)
    version = if_match_version(request, version_parser("f", feature.pk))
    decide(user, feature.pk, version, payload)
    feature = viewable_feature(request, feature.pk)
    with_etag(response, feature.etag)
    return serialize_feature(feature, user)


def log_row(entry, user):
    return {
        "at": entry.at,
        "item_kind": entry.item_kind,
        "action": entry.action,
        "district": entry.district.code if entry.district else None,
        "category": entry.category_label,
        "rule": entry.rule_label,
        "public_reason": entry.public_reason,
        "item_id": entry.item_id if can_moderate(user, entry.district_id) else None,
    }


@router.get("/moderation-log", response=LogPage, summary="The public moderation log (no author is ever named)")
def moderation_log(request, filters: Query[LogFilters]):
    user = caller(request)
    entries = ModerationLogEntry.objects.select_related("district")
    if filters.district:
        entries = entries.filter(district__code=filters.district)
    if filters.item_kind:
        entries = entries.filter(item_kind=filters.item_kind)
    matched = entries.count()
    page = entries[filters.offset : filters.offset + filters.limit]
    return {"entries": [log_row(entry, user) for entry in page], "numberMatched": matched}
