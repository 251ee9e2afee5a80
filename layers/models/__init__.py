"""Models of map layers: layers with their categories, features, photos, votes, feature history,
moderation, the district workflow, comments and notifications."""

from .comments import Comment, CommentFlag
from .features import CLOSED_STAGES, OPEN_STAGES, Feature, FeatureStatus, Stage
from .history import FeatureChange
from .layers import Category, GeometryKind, Layer, Moderation
from .moderation import ItemKind, ModerationAction, ModerationLogEntry, RejectionReason
from .notifications import (
    Delivery,
    DeliveryChannel,
    DeliveryState,
    Notification,
    NotificationKind,
    NotificationPreference,
)
from .photos import Photo
from .votes import Vote
from .workflow import DistrictPolicy, EventKind, Referral, ReferralKind, TimelineEvent

__all__ = [
    "CLOSED_STAGES",
    "OPEN_STAGES",
    "Category",
    "Comment",
    "CommentFlag",
    "Delivery",
    "DeliveryChannel",
    "DeliveryState",
    "DistrictPolicy",
    "EventKind",
    "Feature",
    "FeatureChange",
    "FeatureStatus",
    "GeometryKind",
    "ItemKind",
    "Layer",
    "Moderation",
    "ModerationAction",
    "ModerationLogEntry",
    "Notification",
    "NotificationKind",
    "NotificationPreference",
    "Photo",
    "Referral",
    "ReferralKind",
    "RejectionReason",
    "Stage",
    "TimelineEvent",
    "Vote",
]
