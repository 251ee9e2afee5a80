"""Pre-moderation by the district's reviewers: approve, reject with a reason, hide, show again.

Approving a report the district handles also moves it from received to in
review. Every decision checks the version the reviewer saw (412 when the author changed
the report meanwhile, so nobody approves text they have not read), moves the
feature's version, writes the feature's timeline and history, and tells the
author. Rejections and hidings also go to the public moderation log, which
never names the author.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from mapping.errors import Conflict, InvalidInput

from ..acting_unit import acting_unit_label
from ..models import (
    EventKind,
    FeatureStatus,
    ItemKind,
    ModerationAction,
    NotificationKind,
    RejectionReason,
    Stage,
    TimelineEvent,
)
from ..permissions import can_moderate
from . import notifications
from .features import locked_feature, save_step
from .moderation_log import log_moderation
from .votes import Forbidden

MAX_REASON = 1000


def reviewer_check(user, feature):
    if not can_moderate(user, feature.district_id):
        raise Forbidden("Only the reviewers of this report's district can do this.")


def rejection_reason(code):
    """The active RejectionReason with ``code``; a 400 naming the valid codes otherwise."""
    reason = RejectionReason.objects.filter(code=code, active=True).first()
    if reason is None:
        codes = ", ".join(RejectionReason.objects.filter(active=True).values_list("code", flat=True))
        raise InvalidInput(f"Unknown reason '{code}'; use one of: {codes}.")
    return reason


def public_text(text, *, required, what="public reason"):
    text = (text or "").strip()
    if "\x00" in text:
        raise InvalidInput(f"The {what} contains a NUL character.")
    if required and not text:
        raise InvalidInput(f"Give a {what}: the author and the public read it.")
    if len(text) > MAX_REASON:
        raise InvalidInput(f"The {what} is longer than {MAX_REASON} characters.")
    return text


def mark_first_response(feature, when=None):
    if feature.first_response_at is None:
        feature.first_response_at = when or timezone.now()


def record_event(feature, user, kind, **details):
    return TimelineEvent.objects.create(
        feature=feature, kind=kind, actor=user, actor_label=acting_unit_label(user, feature), **details
    )


def tell_author(feature, kind=NotificationKind.STATUS, **params):
    if feature.author_id:
        notifications.notify(kind, [feature.author], feature=feature, params={"title": feature.title, **params})


def _decide(user, feature_id, expected_version, *, allowed_from, to_status, note):
    feature = locked_feature(feature_id, expected_version)
    reviewer_check(user, feature)
    if feature.status not in allowed_from:
        raise Conflict(f"This report is {feature.status}; it cannot be {to_status} from there.")
    previous = feature.status
    feature.status = to_status
    if to_status == FeatureStatus.PUBLISHED and feature.published_at is None:
        feature.published_at = timezone.now()
    mark_first_response(feature)
    save_step(user, feature, note)
    tell_author(feature, status_from=previous, status_to=to_status)
    return feature


@transaction.atomic
def approve(user, feature_id, *, expected_version):
    """A pending report goes on the map; one the district handles is then in review."""
    feature = _decide(
        user,
        feature_id,
        expected_version,
        allowed_from=(FeatureStatus.PENDING,),
        to_status=FeatureStatus.PUBLISHED,
        note="approved",
    )
    record_event(feature, user, EventKind.APPROVED)
    if feature.layer.workflow and feature.stage == Stage.RECEIVED:
        feature.stage = Stage.IN_REVIEW
        feature.save(update_fields=["stage"])
        record_event(feature, user, EventKind.STAGE, from_stage=Stage.RECEIVED, to_stage=Stage.IN_REVIEW)
    return feature


@dataclass(frozen=True)
class Refusal:
    """What rejecting or hiding does: from which status, to which, under which timeline and log names."""

    allowed_from: tuple
    to_status: str
    event: str
    action: str


REJECT = Refusal((FeatureStatus.PENDING,), FeatureStatus.REJECTED, EventKind.REJECTED, ModerationAction.REJECTED)
HIDE = Refusal((FeatureStatus.PUBLISHED,), FeatureStatus.HIDDEN, EventKind.HIDDEN, ModerationAction.HIDDEN)


def _refuse(user, feature_id, expected_version, refusal, *, rule, public_reason):
    reason = rejection_reason(rule)
    text = public_text(public_reason, required=False)
    feature = _decide(
        user,
        feature_id,
        expected_version,
        allowed_from=refusal.allowed_from,
        to_status=refusal.to_status,
        note=f"{refusal.action}: {reason.code}",
    )
    record_event(feature, user, refusal.event, public_text=text or reason.label_ko, public=False)
    log_moderation(
        item_kind=ItemKind.FEATURE,
        action=refusal.action,
        item_id=feature.pk,
        district_id=feature.district_id,
        category_label=feature.category.label_ko,
        rule=reason,
        public_reason=text,
        moderator=user,
    )
    return feature


@transaction.atomic
def reject(user, feature_id, *, expected_version, rule, public_reason=""):
    """A pending report is refused, under one of the configured reasons plus optional free text."""
    return _refuse(user, feature_id, expected_version, REJECT, rule=rule, public_reason=public_reason)


@transaction.atomic
def hide(user, feature_id, *, expected_version, rule, public_reason=""):
    """A published report is taken off the map (and its author told why)."""
    return _refuse(user, feature_id, expected_version, HIDE, rule=rule, public_reason=public_reason)


@transaction.atomic
def restore(user, feature_id, *, expected_version):
    """A hidden or rejected report is published after all (a decision reviewed on appeal)."""
    feature = _decide(
        user,
        feature_id,
        expected_version,
        allowed_from=(FeatureStatus.HIDDEN, FeatureStatus.REJECTED),
        to_status=FeatureStatus.PUBLISHED,
        note="restored",
    )
    record_event(feature, user, EventKind.APPROVED)
    return feature
