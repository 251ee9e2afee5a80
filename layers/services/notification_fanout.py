"""The background half of ``notify``: each active recipient's inbox row and e-mail, as they chose.

Runs in the task worker (layers/tasks.py), never in a request. Recipients
come as user ids; inactive accounts are skipped, and so is everybody when the
report or comment was deleted in the meantime. The e-mail text is written at
this point, Korean followed by English; the inbox text is worded when read.
"""

from django.db import transaction
from django.utils import timezone

from mapping.models import User

from ..models import Comment, Delivery, DeliveryChannel, Feature, Notification
from .notification_preferences import DEFAULT, choices_for
from .notification_text import notification_email


def _subjects(feature_id, comment_id):
    """(feature, comment, present): ``present`` is False when one of those named is gone."""
    feature = Feature.objects.filter(pk=feature_id).first() if feature_id else None
    comment = Comment.objects.filter(pk=comment_id).first() if comment_id else None
    present = (feature is not None or not feature_id) and (comment is not None or not comment_id)
    return feature, comment, present


def create_notifications(kind, user_ids, feature_id=None, comment_id=None, params=None):
    """Write the inbox rows and pending e-mail deliveries; returns the deliveries, for the caller to send."""
    feature, comment, present = _subjects(feature_id, comment_id)
    if not present:
        return []
    choices = choices_for(kind, user_ids)
    inbox, emails = [], []
    now = timezone.now()
    for user in User.objects.filter(pk__in=user_ids, is_active=True).order_by("pk"):
        in_app, email = choices.get(user.pk, DEFAULT)
        notification = Notification(user=user, kind=kind, feature=feature, comment=comment, params=params or {})
        if in_app:
            inbox.append(notification)
        if email and user.email:
            subject, body = notification_email(notification)
            emails.append(
                Delivery(channel=DeliveryChannel.EMAIL, to=user.email, subject=subject, body=body, next_attempt_at=now)
            )
    with transaction.atomic():
        Notification.objects.bulk_create(inbox)
        return Delivery.objects.bulk_create(emails)
