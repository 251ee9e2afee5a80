"""Background tasks of layers, run by the task worker (``manage.py db_worker``) through Django's Tasks API.

``deliver_notification`` is the background half of ``notify``; ``send_delivery``
tries one e-mail or webhook and, after a failure, enqueues itself again to run
after the back-off delay (django-tasks has no retries of its own). The work
itself lives in layers/services/; these functions only connect it to the queue.
"""

from django_tasks import task

from .services import deliveries
from .services.background import enqueue_on_commit
from .services.notification_fanout import create_notifications


@task()
def deliver_notification(kind, user_ids, feature_id=None, comment_id=None, params=None):
    """Write the inbox rows and e-mails of one notification and enqueue each e-mail; returns how many e-mails."""
    emails = create_notifications(kind, user_ids, feature_id, comment_id, params)
    for delivery in emails:
        enqueue_on_commit(send_delivery, delivery.pk)
    return len(emails)


@task()
def send_delivery(delivery_id):
    """Try the delivery once; when it failed and may be tried again, enqueue the next try for when it is due."""
    retry_at = deliveries.attempt(delivery_id)
    if retry_at is not None:
        enqueue_on_commit(send_delivery.using(run_after=retry_at), delivery_id)
