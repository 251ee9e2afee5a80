"""Telling people what happened: inbox and e-mail notifications, and outgoing e-mails and webhooks.

Other services call ``notify`` and ``queue_delivery`` inside their request's
transaction, and both do almost nothing there. ``notify`` registers one
``transaction.on_commit`` hook that enqueues a background task, so a rolled
back request tells nobody and a slow mail server never delays anyone; the
task (layers/tasks.py, run by ``manage.py db_worker``) follows each
recipient's preferences, writes the inbox rows and one ``Delivery`` per
e-mail (layers/services/notification_fanout.py). ``queue_delivery`` writes
one pending ``Delivery`` and enqueues its sending on commit. Every delivery
is sent by its own task and retried with back-off
(layers/services/deliveries.py).

An enqueue that fails is logged, never raised into the request: the write the
user asked for stands. A delivery whose task was lost stays pending and is
found again by ``manage.py retry_deliveries``.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from mapping.models import User

from .. import tasks
from ..models import Delivery, NotificationKind
from .background import enqueue_on_commit
from .deliveries import check_address
from .notification_text import notification_link, notification_text

__all__ = ["notification_link", "notification_text", "notify", "queue_delivery"]

SUBJECT_CHARS = Delivery._meta.get_field("subject").max_length


def _user_id(recipient):
    return recipient.pk if isinstance(recipient, User) else int(recipient)


def _plain_json(params):
    """``params`` with lazy translations, dates and the like turned into text; TypeError if it is not JSON-able."""
    return json.loads(json.dumps(params or {}, cls=DjangoJSONEncoder))


def notify(kind, recipients, *, feature=None, comment=None, params=None):
    """Tell ``recipients`` (users or user ids) about ``kind`` once the current transaction commits.

    ``params`` is a small JSON-able dict of what the message quotes (its keys
    are listed in layers/services/notification_text.py); the text is worded in
    each reader's language when shown. Inactive accounts, duplicates and each
    recipient's choices are sorted out by the background task.
    """
    kind = NotificationKind(kind)
    user_ids = sorted({_user_id(recipient) for recipient in recipients if recipient is not None})
    if not user_ids:
        return
    enqueue_on_commit(
        tasks.deliver_notification,
        kind.value,
        user_ids,
        feature.pk if feature is not None else None,
        comment.pk if comment is not None else None,
        _plain_json(params),
    )


def queue_delivery(channel, to, *, subject="", body="", payload=None):
    """A pending e-mail (``to`` an address) or webhook POST (``to`` an http(s) URL), sent after the commit.

    A webhook posts ``payload`` as JSON (``{"subject", "body"}`` without one)
    and counts any answer but 2xx as a failure. Raises ValidationError for an
    address that can never work; returns the ``Delivery``.
    """
    check_address(channel, to)
    delivery = Delivery.objects.create(
        channel=channel,
        to=to,
        subject=" ".join(subject.split())[:SUBJECT_CHARS],
        body=body,
        payload=payload,
        next_attempt_at=timezone.now(),
    )
    enqueue_on_commit(tasks.send_delivery, delivery.pk)
    return delivery
