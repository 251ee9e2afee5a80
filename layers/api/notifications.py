"""``/api/v1/me/notifications`` and ``/api/v1/me/preferences``: the caller's inbox and what they choose to be told.

Every endpoint needs a signed-in caller (401 otherwise) and sees only the
caller's own notifications. Texts are worded in the request's language
(``Accept-Language``; Korean by default).
"""

from datetime import datetime
from typing import Literal

from ninja import Field, Query, Router, Schema

from mapping.api.security import require_user
from mapping.errors import InvalidInput

from ..models import NotificationKind
from ..services import inbox as inbox_service
from ..services.notification_preferences import preferences_of, set_preferences
from ..services.notifications import notification_link, notification_text

router = Router(tags=["notifications"])

KindName = Literal[tuple(NotificationKind.values)]  # the kinds of the model, so the two never drift apart


class InboxFilters(Schema):
    unread: bool = Field(False, description="Only notifications not read yet.")
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0)


class NotificationOut(Schema):
    id: int
    kind: KindName
    text: str = Field(description="What happened, in the request's language.")
    link: str | None = Field(description="Path of the page it is about, e.g. /features/12/.")
    feature: int | None
    comment: int | None
    params: dict = Field(description="The details the text quotes (title, from, to, answer, …).")
    created: datetime
    read_at: datetime | None


class NotificationList(Schema):
    count: int = Field(description="How many match the filter.")
    unread: int = Field(description="How many of the caller's notifications are unread.")
    items: list[NotificationOut]


class MarkReadIn(Schema):
    ids: list[int] = Field(default_factory=list, description="Notifications to mark read.")
    all: bool = Field(False, description="Mark every notification read.")


class MarkReadOut(Schema):
    marked: int
    unread: int


class KindChoiceIn(Schema):
    kind: KindName
    in_app: bool = Field(description="Show it in the inbox.")
    email: bool = Field(description="Send an e-mail (when the account has an address).")


class KindChoiceOut(KindChoiceIn):
    label: str


class PreferencesIn(Schema):
    show_name_publicly: bool = Field(description="Show my name on my reports and comments instead of “주민”.")
    kinds: list[KindChoiceIn] = Field(description="Choices per kind; a kind left out is on for both channels.")


class PreferencesOut(Schema):
    show_name_publicly: bool
    has_email: bool = Field(description="Whether the account has an e-mail address, without which no e-mail goes.")
    kinds: list[KindChoiceOut]


def _notification(notification):
    return {
        "id": notification.pk,
        "kind": notification.kind,
        "text": notification_text(notification),
        "link": notification_link(notification),
        "feature": notification.feature_id,
        "comment": notification.comment_id,
        "params": notification.params,
        "created": notification.created,
        "read_at": notification.read_at,
    }


def _preferences(user, choices):
    return {
        "show_name_publicly": user.show_name_publicly,
        "has_email": bool(user.email),
        "kinds": [
            {"kind": kind, "label": str(NotificationKind(kind).label), "in_app": in_app, "email": email}
            for kind, (in_app, email) in choices.items()
        ],
    }


@router.get("/me/notifications", response=NotificationList, summary="My notifications, newest first")
def list_notifications(request, filters: Query[InboxFilters]):
    """Filter with `unread=true`; page with `limit` (1–100) and `offset`. `unread` counts all unread ones."""
    user = require_user(request)
    notifications = inbox_service.inbox(user, unread_only=filters.unread)
    page = notifications[filters.offset : filters.offset + filters.limit]
    return {
        "count": notifications.count(),
        "unread": inbox_service.unread_count(user),
        "items": [_notification(notification) for notification in page],
    }


@router.post("/me/notifications/read", response=MarkReadOut, summary="Mark my notifications read")
def mark_read(request, body: MarkReadIn):
    """Send `ids`, or `all: true`. Ids of notifications that are not the caller's are ignored."""
    user = require_user(request)
    if not body.all and not body.ids:
        raise InvalidInput("Send the ids of the notifications to mark read, or all: true.")
    marked = inbox_service.mark_read(user, None if body.all else body.ids)
    return {"marked": marked, "unread": inbox_service.unread_count(user)}


@router.get("/me/preferences", response=PreferencesOut, summary="What I am told, and whether my name is shown")
def get_preferences(request):
    """Each kind's inbox and e-mail switch, whether the account has an e-mail address, and `show_name_publicly`."""
    user = require_user(request)
    return _preferences(user, preferences_of(user))


@router.put("/me/preferences", response=PreferencesOut, summary="Choose what I am told, and whether my name is shown")
def put_preferences(request, body: PreferencesIn):
    """Replaces all choices: each kind's inbox and e-mail switch (a kind left out is on for both), and
    `show_name_publicly`."""
    user = require_user(request)
    kinds = [choice.kind for choice in body.kinds]
    if len(kinds) != len(set(kinds)):
        raise InvalidInput("Each kind may appear once.")
    choices = {choice.kind: (choice.in_app, choice.email) for choice in body.kinds}
    return _preferences(user, set_preferences(user, choices, show_name_publicly=body.show_name_publicly))
