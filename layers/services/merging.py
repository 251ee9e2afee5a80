"""Merging duplicate reports: the older one survives and gathers what the newer one had.

Votes move without counting anyone twice (a user who agreed with both keeps one
vote, and the survivor's author gets none on their own report), photos and
comments move too, and the survivor's count is recounted from the rows. The
merged report leaves the map with status ``merged`` and ``merged_into`` set,
so its page and API address resolve to the survivor. Both rows are locked in id
order, so two reviewers merging the same pair cannot deadlock or double-move.
"""

from django.db import transaction
from django.utils import timezone

from mapping.errors import Conflict, InvalidInput, StaleVersion

from ..models import Comment, EventKind, Feature, FeatureStatus, Photo, Vote
from .duplicates import OPEN_STATUSES
from .features import save_step
from .moderation import record_event, reviewer_check, tell_author
from .thresholds import check_threshold


def _lock_pair(first_id, second_id):
    rows = Feature.objects.select_for_update(of=("self",)).select_related("layer__map", "category", "district")
    locked = {feature.pk: feature for feature in rows.filter(pk__in=[first_id, second_id]).order_by("pk")}
    if len(locked) != 2:
        raise Feature.DoesNotExist("Not found.")
    return locked[first_id], locked[second_id]


def _move_votes(merged, survivor):
    already = Vote.objects.filter(feature=survivor).values("user_id")
    Vote.objects.filter(feature=merged).exclude(user_id__in=already).exclude(user_id=survivor.author_id).update(
        feature=survivor
    )
    Vote.objects.filter(feature=merged).delete()
    survivor.vote_count = Vote.objects.filter(feature=survivor).count()
    merged.vote_count = 0


@transaction.atomic
def merge(user, feature_id, other_id, *, expected_version):
    """Merge ``feature_id`` (at the version the reviewer saw) and ``other_id``; returns the survivor."""
    if feature_id == other_id:
        raise InvalidInput("A report cannot be merged with itself.")
    named, other = _lock_pair(feature_id, other_id)
    if named.version != expected_version:
        raise StaleVersion(f"The report was changed by someone else (now version {named.version}). Reload it first.")
    for feature in (named, other):
        reviewer_check(user, feature)
        if feature.status not in OPEN_STATUSES:
            raise Conflict(f"Report {feature.pk} is {feature.status}; only open reports can be merged.")
    if named.layer_id != other.layer_id:
        raise Conflict("Only reports of the same layer can be merged.")
    survivor, merged = sorted((named, other), key=lambda feature: (feature.created, feature.pk))
    _move_votes(merged, survivor)
    Photo.objects.filter(feature=merged).update(feature=survivor)
    Comment.objects.filter(feature=merged).update(feature=survivor)
    Feature.objects.filter(possible_duplicate_of__in=[merged, survivor]).exclude(pk=survivor.pk).update(
        possible_duplicate_of=survivor
    )
    previous = merged.status
    merged.status = FeatureStatus.MERGED
    merged.merged_into = survivor
    merged.possible_duplicate_of = None
    merged.closed_at = timezone.now()
    save_step(user, merged, f"merged into {survivor.pk}")
    if survivor.possible_duplicate_of_id == merged.pk:
        survivor.possible_duplicate_of = None
    save_step(user, survivor, f"merged {merged.pk} into it")
    record_event(merged, user, EventKind.MERGED, related_feature=survivor, public=False)
    record_event(survivor, user, EventKind.MERGED, related_feature=merged)
    tell_author(merged, status_from=previous, status_to=FeatureStatus.MERGED, into=survivor.pk)
    check_threshold(survivor)
    return survivor
