"""Sending one ``Delivery`` (an e-mail or a webhook POST) once, and when to try it again after a failure.

``attempt`` is what the send task runs. It locks the row (``FOR NO KEY
UPDATE SKIP LOCKED``: two workers never send one delivery at the same time,
and a referral pointing at it can still be saved) and does nothing to a
delivery already sent or failed for good, nor to one whose next try is not
due (a second task for it, enqueued by ``manage.py retry_deliveries``). So a
delivery is never sent twice by two tasks. A failure counts an attempt, keeps
the error and sets the next try after the configured back-off
(``NOTIFICATION_RETRY_DELAYS``) until ``NOTIFICATION_MAX_ATTEMPTS``, then the
delivery has failed for good.

The row stays locked while the message leaves, so a worker killed mid-send
rolls back and the delivery stays pending for ``retry_deliveries``: delivery is
at least once, and webhooks carry ``X-Delivery-Id`` for receivers to drop a
repeat.
"""

import hashlib
import hmac
import json
import logging
import urllib.error
import urllib.request
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ..models import Delivery, DeliveryChannel, DeliveryState

logger = logging.getLogger(__name__)

DUE_SLACK = timedelta(seconds=5)  # the clocks of worker machines differ a little
ERROR_CHARS = 2000
WEBHOOK_URL = URLValidator(schemes=("http", "https"))


class DeliveryFailed(Exception):
    """The receiving end refused the message."""


def check_address(channel, to):
    """ValidationError unless ``to`` is an e-mail address (e-mail) or an http(s) URL (webhook)."""
    if channel == DeliveryChannel.EMAIL:
        validate_email(to)
    elif channel == DeliveryChannel.WEBHOOK:
        WEBHOOK_URL(to)
    else:
        raise ValidationError(f"Unknown delivery channel {channel!r}: use one of {', '.join(DeliveryChannel.values)}.")
    if len(to) > Delivery._meta.get_field("to").max_length:
        raise ValidationError("The address is too long.")


def retry_delay(attempts):
    """How long to wait after the ``attempts``-th failed try; the last configured delay repeats."""
    delays = settings.NOTIFICATION_RETRY_DELAYS or [60]
    return timedelta(seconds=delays[min(attempts, len(delays)) - 1])


def _send_email(delivery):
    message = EmailMessage(
        delivery.subject,
        delivery.body,
        settings.DEFAULT_FROM_EMAIL,
        [delivery.to],
        headers={"Auto-Submitted": "auto-generated"},
    )
    if message.send() != 1:
        raise DeliveryFailed("The mail server accepted no message.")


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A webhook answering with a redirect has not taken the message (and a POST is not replayed elsewhere)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_WEBHOOK_OPENER = urllib.request.build_opener(_NoRedirects)


def webhook_signature(body):
    return "sha256=" + hmac.new(settings.WEBHOOK_SECRET.encode(), body, hashlib.sha256).hexdigest()


def _post_webhook(delivery):
    WEBHOOK_URL(delivery.to)  # only http(s) ever reaches the opener
    payload = delivery.payload if delivery.payload is not None else {"subject": delivery.subject, "body": delivery.body}
    body = json.dumps(payload, ensure_ascii=False).encode()
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "UrbanLifeMap-Webhook/1",
        "X-Delivery-Id": str(delivery.pk),
    }
    if settings.WEBHOOK_SECRET:
        headers["X-Signature-256"] = webhook_signature(body)
    request = urllib.request.Request(delivery.to, data=body, headers=headers, method="POST")  # noqa: S310
    try:
        with _WEBHOOK_OPENER.open(request, timeout=settings.WEBHOOK_TIMEOUT) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        raise DeliveryFailed(f"HTTP {error.code} {error.reason}") from error
    if not 200 <= status < 300:
        raise DeliveryFailed(f"HTTP {status}")


SENDERS = {DeliveryChannel.EMAIL: _send_email, DeliveryChannel.WEBHOOK: _post_webhook}


def _record_failure(delivery, error, now):
    delivery.last_error = f"{type(error).__name__}: {error}"[:ERROR_CHARS]
    if delivery.attempts >= settings.NOTIFICATION_MAX_ATTEMPTS:
        delivery.state, delivery.next_attempt_at = DeliveryState.FAILED, None
        logger.warning(
            "Delivery %s to %s failed for good after %s tries: %s",
            delivery.pk,
            delivery.to,
            delivery.attempts,
            delivery.last_error,
        )
    else:
        delivery.next_attempt_at = now + retry_delay(delivery.attempts)
        logger.info(
            "Delivery %s failed (try %s), next try at %s: %s",
            delivery.pk,
            delivery.attempts,
            delivery.next_attempt_at,
            delivery.last_error,
        )


def attempt(delivery_id):
    """Try to send the delivery once; returns when to try again, or None (sent, failed for good, or not due)."""
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(no_key=True, skip_locked=True)
            .filter(pk=delivery_id, state=DeliveryState.PENDING)
            .first()
        )
        now = timezone.now()
        if delivery is None or (delivery.next_attempt_at and delivery.next_attempt_at > now + DUE_SLACK):
            return None
        delivery.attempts += 1
        try:
            SENDERS[delivery.channel](delivery)
        except Exception as error:
            _record_failure(delivery, error, now)
        else:
            delivery.state, delivery.sent_at, delivery.next_attempt_at = DeliveryState.SENT, timezone.now(), None
        delivery.save(update_fields=["attempts", "state", "sent_at", "next_attempt_at", "last_error"])
        return delivery.next_attempt_at


def overdue(grace):
    """Pending deliveries whose try has been due for longer than ``grace``: their task was lost."""
    cutoff = timezone.now() - grace
    return Delivery.objects.filter(state=DeliveryState.PENDING).filter(
        Q(next_attempt_at__lte=cutoff) | Q(next_attempt_at__isnull=True, created__lte=cutoff)
    )


def reopen(deliveries):
    """Give the unsent ones of ``deliveries`` (a queryset) a fresh set of tries, due now; returns their ids."""
    with transaction.atomic():
        unsent = deliveries.select_for_update().exclude(state=DeliveryState.SENT)
        ids = list(unsent.values_list("pk", flat=True))
        Delivery.objects.filter(pk__in=ids).update(
            state=DeliveryState.PENDING, attempts=0, next_attempt_at=timezone.now()
        )
    return ids


def reopen_failed():
    """Make every delivery that failed for good pending again, with a fresh count of tries; returns their ids."""
    return reopen(Delivery.objects.filter(state=DeliveryState.FAILED))
