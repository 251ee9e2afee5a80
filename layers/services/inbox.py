"""A user's inbox: their notifications newest first, how many are unread, and marking them read."""

from django.utils import timezone

from ..models import Notification


def inbox(user, *, unread_only=False):
    """The user's notifications, newest first, with what their text needs already joined."""
    notifications = Notification.objects.filter(user=user).select_related("feature", "comment")
    return notifications.filter(read_at__isnull=True) if unread_only else notifications


def unread_count(user):
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def mark_read(user, ids=None):
    """Mark the user's notifications ``ids`` (all of them when None) read; returns how many changed.

    Ids of other users' notifications are ignored, so nobody learns they exist.
    """
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=timezone.now())
