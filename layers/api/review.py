"""The district's side over the API: the review queue and bulk decisions, stages and routing,
referrals (민원 / 현장 조치), merging duplicates, a report's timeline, a department's assignments
and the district dashboard.

Every step on one report needs ``If-Match`` with the ETag the official read.
"""

from datetime import date, datetime, timedelta

from django.http import HttpResponse
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from mapping.api.security import caller, require_user
from mapping.api.text import Text
from mapping.api.versioning import if_match_version, version_parser, with_etag
from mapping.models import District

from ..models import OPEN_STAGES, Feature, Stage
from ..permissions import can_moderate
from ..services import merging, triage, workflow
from ..services.dashboard import Period, dashboard, overdue_q
from ..services.review_queue import QueueFilters, bulk_decide, review_queue
from ..timeline import timeline_events
from .features import viewable_feature
from .serializers import feature_collection, serialize_feature

router = Router(tags=["review"])

MAX_PAGE = 500


class QueueQuery(Schema):
    district: str | None = Field(None, description="A district code; default: every district you review")
    category: list[str] = []
    status: list[str] = []
    stage: list[str] = []
    older_than_days: int | None = Field(None, ge=0)
    min_votes: int | None = Field(None, ge=0)
    duplicates: bool = Field(False, description="Only reports flagged as possible duplicates")
    sort: str = Field("oldest", pattern="^(oldest|newest|votes)$")
    limit: int = Field(100, ge=1, le=MAX_PAGE)
    offset: int = Field(0, ge=0)


class BulkItem(Schema):
    id: int
    version: int = Field(description="The version you read (from the ETag or the 'version' property)")


class BulkIn(Schema):
    action: str = Field(pattern="^(approve|reject)$")
    items: list[BulkItem] = Field(min_length=1, max_length=MAX_PAGE)
    rule: Text = ""
    public_reason: Text = Field("", max_length=1000)


class BulkResult(Schema):
    id: int
    ok: bool
    status: int
    version: int | None
    detail: str


class StageIn(Schema):
    to: Stage
    department: int | None = Field(None, description="For 'assigned': a department of the report's district")
    due_date: date | None = Field(None, description="For 'assigned'; default: today + the category's days")
    answer: Text = Field("", max_length=1000, description="Official public answer; needed to resolve or decline")
    note: Text = Field("", max_length=1000, description="Internal note; needed when a department hands it back")


class ReferralIn(Schema):
    kind: str = Field(pattern="^(complaint|onsite)$", description="complaint (민원) or onsite (현장 조치)")
    note: Text = Field("", max_length=1000, description="What the author is told")
    department: int | None = Field(None, description="For an on-site fix: the department that does it")


class MergeIn(Schema):
    other: int = Field(description="The other report; the older of the two survives")


def one_page(features, user, query):
    """The page ``query.offset``/``query.limit`` of ``features`` as a FeatureCollection, with the count."""
    matched = features.count()
    return feature_collection(features[query.offset : query.offset + query.limit], user, matched=matched, links=[])


def reviewed_districts(user, code):
    if code:
        district = District.objects.filter(code=code).first()
        if district is None or not can_moderate(user, district.pk):
            raise HttpError(403, "You do not review this district.")
        return [district.pk]
    if user.is_admin:
        return list(District.objects.values_list("pk", flat=True))
    districts = list(user.review_districts.values_list("pk", flat=True))
    if not districts:
        raise HttpError(403, "Only district reviewers have a review queue.")
    return districts


@router.get("/review/queue", summary="The review queue of your districts (GeoJSON FeatureCollection)")
def queue(request, query: Query[QueueQuery]):
    user = require_user(request)
    filters = QueueFilters(
        categories=query.category,
        statuses=query.status,
        stages=query.stage,
        older_than_days=query.older_than_days,
        min_votes=query.min_votes,
        duplicates_only=query.duplicates,
        sort=query.sort,
    )
    return one_page(review_queue(reviewed_districts(user, query.district), filters), user, query)


@router.post("/review/bulk", response=list[BulkResult], summary="Approve or reject many reports at once")
def bulk(request, payload: BulkIn):
    user = require_user(request)
    items = [(item.id, item.version) for item in payload.items]
    return bulk_decide(user, payload.action, items, rule=payload.rule, public_reason=payload.public_reason)


def _step(request, feature_id, response, run):
    user = require_user(request)
    feature = viewable_feature(request, feature_id)
    version = if_match_version(request, version_parser("f", feature.pk))
    result = run(user, feature, version)
    feature = viewable_feature(request, result.pk)
    with_etag(response, feature.etag)
    return serialize_feature(feature, user)


@router.post("/features/{int:feature_id}/stage", summary="Move a report to another stage (needs If-Match)")
def change_stage(request, feature_id: int, payload: StageIn, response: HttpResponse):
    def run(user, feature, version):
        return workflow.change_stage(
            user,
            feature.pk,
            payload.to,
            expected_version=version,
            department=payload.department,
            due_date=payload.due_date,
            answer=payload.answer,
            note=payload.note,
        )

    return _step(request, feature_id, response, run)


@router.post("/features/{int:feature_id}/referral", summary="Route a report as 민원 or 현장 조치 (needs If-Match)")
def refer(request, feature_id: int, payload: ReferralIn, response: HttpResponse):
    def run(user, feature, version):
        page_url = request.build_absolute_uri(f"/features/{feature.pk}/")
        referral = triage.refer(
            user,
            feature.pk,
            payload.kind,
            expected_version=version,
            note=payload.note,
            department=payload.department,
            page_url=page_url,
        )
        return referral.feature

    return _step(request, feature_id, response, run)


@router.post("/features/{int:feature_id}/merge", summary="Merge two duplicate reports (If-Match of this one)")
def merge(request, feature_id: int, payload: MergeIn, response: HttpResponse):
    def run(user, feature, version):
        return merging.merge(user, feature.pk, payload.other, expected_version=version)

    return _step(request, feature_id, response, run)


@router.get("/features/{int:feature_id}/timeline", summary="A report's timeline: every step, when and by whom")
def timeline(request, feature_id: int):
    feature = viewable_feature(request, feature_id)
    return timeline_events(feature, caller(request))


class AssignmentsQuery(Schema):
    overdue: bool = False
    closed: bool = Field(False, description="Also the resolved and declined ones")
    limit: int = Field(100, ge=1, le=MAX_PAGE)
    offset: int = Field(0, ge=0)


@router.get("/me/assignments", summary="Reports assigned to your department (GeoJSON FeatureCollection)")
def assignments(request, query: Query[AssignmentsQuery]):
    user = require_user(request)
    if not user.department_id:
        raise HttpError(403, "Only department staff have assignments.")
    features = Feature.objects.filter(department_id=user.department_id).select_related(
        "category", "layer__map", "district", "department"
    )
    if not query.closed:
        features = features.filter(stage__in=OPEN_STAGES)
    if query.overdue:
        features = features.filter(overdue_q())
    return one_page(features.order_by("due_date", "created", "pk"), user, query)


def seconds(duration):
    return None if duration is None else duration / timedelta(seconds=1)


class DashboardQuery(Schema):
    since: date | None = None
    until: date | None = Field(None, description="Exclusive")


@router.get("/districts/{code}/dashboard", summary="A district's counts, median response times and overdue list")
def district_dashboard(request, code: str, query: Query[DashboardQuery]):
    user = require_user(request)
    district_id = reviewed_districts(user, code)[0]

    numbers = dashboard(district_id, Period(query.since, query.until))
    return {
        "district": code,
        "generated": datetime.now().astimezone().isoformat(),
        "total": numbers["total"],
        "by_stage": numbers["by_stage"],
        "by_status": numbers["by_status"],
        "by_category": numbers["by_category"],
        "median_first_response_seconds": seconds(numbers["median_first_response"]),
        "median_resolution_seconds": seconds(numbers["median_resolution"]),
        "overdue": [
            {
                "id": feature.pk,
                "title": feature.title,
                "stage": feature.stage,
                "department": str(feature.department) if feature.department else None,
                "due_date": feature.due_date,
                "answer_due": feature.answer_due,
            }
            for feature in numbers["overdue"]
        ],
    }
