"""공감 votes: a signed-in resident agrees with someone else's published report, at most once.

Both operations lock the feature row (``FOR NO KEY UPDATE``: readers and the
vote rows' foreign-key checks go on) so the rules are checked against the
feature as it is and one feature's count moves one vote at a time; the unique
(feature, user) constraint backs that up, so a double click stores one vote.
The denormalised ``Feature.vote_count`` moves by an ``F()`` expression in the
same transaction and never below zero. A new vote may cross the district's 공감
threshold (layers/services/thresholds.py), checked under the same lock.

A vote is not an edit: the feature's ``version`` (its ETag) and ``updated`` stay
as they are, so an author saving their report never gets a 412 because someone
agreed with it. The UPDATE of ``vote_count`` does fire the layer-revision
trigger (layers/migrations/0003_layer_revision_triggers.py), so tiles, which
carry the count, are cut again.
"""

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Greatest

from mapping.errors import Conflict, ServiceError

from ..models import Feature, FeatureStatus, Vote
from ..permissions import can_view_feature
from .thresholds import check_threshold


class LoginRequired(ServiceError):
    status = 401


class Forbidden(ServiceError):
    """The caller is known and sees the feature, but may not do this (HTTP 403)."""

    status = 403


def _require_login(user):
    if not user.is_authenticated:
        raise LoginRequired("Log in to vote.")


def _locked_visible(user, feature_id):
    """The feature, locked for this transaction; DoesNotExist (404) also when ``user`` may not see it."""
    feature = (
        Feature.objects.select_for_update(no_key=True, of=("self",))
        .select_related("layer__map")
        .filter(pk=feature_id)
        .first()
    )
    if feature is None or not can_view_feature(user, feature):
        raise Feature.DoesNotExist("Not found.")
    return feature


def _check_may_vote(user, feature):
    if feature.author_id == user.pk:
        raise Forbidden("You cannot vote for your own report.")
    if getattr(settings, "VOTES_REQUIRE_VERIFIED", False) and not user.verified:
        raise Forbidden("Only verified accounts can vote. Confirm your identity first.")
    if feature.status != FeatureStatus.PUBLISHED:
        raise Conflict(f"Only published reports can receive votes; this one is {feature.status}.")


def _count_after(feature, change):
    Feature.objects.filter(pk=feature.pk).update(vote_count=Greatest(F("vote_count") + change, 0))
    feature.refresh_from_db(fields=["vote_count"])
    return feature.vote_count


@transaction.atomic
def cast_vote(user, feature_id):
    """Vote for a published report by someone else; returns (votes, voted). Voting again changes nothing."""
    _require_login(user)
    feature = _locked_visible(user, feature_id)
    _check_may_vote(user, feature)
    _, created = Vote.objects.get_or_create(feature=feature, user=user)
    votes = _count_after(feature, +1) if created else feature.vote_count
    if created:
        check_threshold(feature)
    return votes, True


@transaction.atomic
def withdraw_vote(user, feature_id):
    """Take one's vote back; returns (votes, voted). Without a vote it changes nothing.

    Only login and visibility are checked: a vote can be taken back from any
    report its voter still sees, published or not, verified account or not.
    """
    _require_login(user)
    feature = _locked_visible(user, feature_id)
    deleted, _ = Vote.objects.filter(feature=feature, user=user).delete()
    votes = _count_after(feature, -1) if deleted else feature.vote_count
    return votes, False
