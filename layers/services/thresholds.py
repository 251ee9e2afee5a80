"""공감 thresholds: enough votes soon enough after publication make an official answer due.

A district sets three numbers in its ``DistrictPolicy``: ``vote_threshold``
votes cast within ``vote_window_days`` of the report's publication make an
official answer due within ``answer_days``. Only reports the district handles
(``Layer.workflow``) count. A vote cast exactly at the end of the window still
counts; reaching the threshold exactly is enough. Once reached, the flag stays,
even if votes are withdrawn later: the district's reviewers were told and the
answer is owed.
"""

from datetime import timedelta

from django.utils import timezone

from ..models import DistrictPolicy, EventKind, Feature, NotificationKind, TimelineEvent, Vote
from . import notifications


def votes_in_window(feature, policy):
    if feature.published_at is None:
        return 0
    window_end = feature.published_at + timedelta(days=policy.vote_window_days)
    return Vote.objects.filter(feature=feature, created__lte=window_end).count()


def check_threshold(feature):
    """Flag ``feature`` (locked by the caller) when it reached its district's threshold; True if it just did."""
    if feature.threshold_reached_at is not None or not feature.layer.workflow:
        return False
    policy = DistrictPolicy.for_district(feature.district_id)
    if votes_in_window(feature, policy) < policy.vote_threshold:
        return False
    now = timezone.now()
    feature.threshold_reached_at = now
    feature.answer_due = now + timedelta(days=policy.answer_days)
    Feature.objects.filter(pk=feature.pk).update(threshold_reached_at=now, answer_due=feature.answer_due)
    TimelineEvent.objects.create(
        feature=feature,
        kind=EventKind.THRESHOLD,
        public_text=f"{policy.vote_threshold}",
        due_date=timezone.localdate(feature.answer_due),
    )
    reviewers = list(feature.district.reviewers.filter(is_active=True)) if feature.district_id else []
    notifications.notify(
        NotificationKind.THRESHOLD,
        reviewers,
        feature=feature,
        params={"title": feature.title, "votes": policy.vote_threshold, "due": feature.answer_due.isoformat()},
    )
    return True
