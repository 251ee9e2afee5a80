"""The review queue of a district: what waits for its reviewers, filtered and sorted, and bulk decisions.

The queue holds the district's pending reports (pre-moderation) and the open
reports of layers the district handles (received, in review, assigned, in
progress). Filters: category, status, stage, age in days, votes, possible
duplicates only; sorted oldest first, most supported first, or newest first.
Bulk decisions run one savepoint per report, so a report that changed meanwhile
is reported back (stale) without undoing the others.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from mapping.errors import InvalidInput, ServiceError

from ..models import OPEN_STAGES, Feature, FeatureStatus
from . import moderation

SORTS = {
    "oldest": ("created", "pk"),
    "newest": ("-created", "-pk"),
    "votes": ("-vote_count", "created", "pk"),
}


@dataclass
class QueueFilters:
    categories: list = field(default_factory=list)
    statuses: list = field(default_factory=list)
    stages: list = field(default_factory=list)
    older_than_days: int | None = None
    min_votes: int | None = None
    duplicates_only: bool = False
    sort: str = "oldest"


def in_queue_q():
    pending = Q(status=FeatureStatus.PENDING)
    handled = Q(layer__workflow=True, status=FeatureStatus.PUBLISHED, stage__in=OPEN_STAGES)
    return pending | handled


def review_queue(district_ids, filters):
    """The queue of the districts ``district_ids`` (a reviewer's own), as a queryset."""
    queue = Feature.objects.filter(in_queue_q(), district_id__in=district_ids).select_related(
        "category", "layer__map", "district", "department", "possible_duplicate_of"
    )
    if filters.categories:
        queue = queue.filter(category__key__in=filters.categories)
    if filters.statuses:
        queue = queue.filter(status__in=filters.statuses)
    if filters.stages:
        queue = queue.filter(stage__in=filters.stages)
    if filters.older_than_days is not None:
        queue = queue.filter(created__lte=timezone.now() - timedelta(days=filters.older_than_days))
    if filters.min_votes is not None:
        queue = queue.filter(vote_count__gte=filters.min_votes)
    if filters.duplicates_only:
        queue = queue.filter(possible_duplicate_of__isnull=False)
    return queue.order_by(*SORTS.get(filters.sort, SORTS["oldest"]))


BULK_ACTIONS = ("approve", "reject")


def _decide_one(user, action, feature_id, version, rule, public_reason):
    if action == "approve":
        return moderation.approve(user, feature_id, expected_version=version)
    return moderation.reject(user, feature_id, expected_version=version, rule=rule, public_reason=public_reason)


def bulk_decide(user, action, items, *, rule="", public_reason=""):
    """Apply ``action`` ("approve" or "reject") to ``items`` [(feature id, version seen)].

    Returns one result per item: {"id", "ok", "status" (HTTP-like), "detail"}.
    """
    if action not in BULK_ACTIONS:
        raise InvalidInput(f"Bulk actions are: {', '.join(BULK_ACTIONS)}.")
    if action == "reject":
        moderation.rejection_reason(rule)
    results = []
    for feature_id, version in items:
        outcome = {"id": feature_id, "ok": False, "version": None, "detail": ""}
        try:
            with transaction.atomic():
                feature = _decide_one(user, action, feature_id, version, rule, public_reason)
            outcome.update(ok=True, status=200, version=feature.version)
        except Feature.DoesNotExist:
            outcome.update(status=404, detail="Not found.")
        except ServiceError as exc:
            outcome.update(status=exc.status, detail=exc.message)
        results.append(outcome)
    return results
