"""What users are told: the in-app inbox, each user's choices, and the outgoing e-mails and webhooks.

A ``Notification`` is one inbox row. ``NotificationPreference`` is a user's
choice per kind (inbox and/or e-mail; no row means both on). A ``Delivery`` is
one message leaving the app — an e-mail or a webhook POST — sent by a
background task and retried with back-off until it succeeds or runs out of
attempts, so a failing mail server never blocks or loses the request that
caused it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .comments import Comment
from .features import Feature


class NotificationKind(models.TextChoices):
    STATUS = "status", _("My report's status changed")
    ANSWER = "answer", _("My report got an official answer")
    COMMENT = "comment", _("Someone commented on my report")
    THRESHOLD = "threshold", _("A report crossed the 공감 threshold (reviewers)")
    ASSIGNMENT = "assignment", _("A report was assigned to my department")


class Notification(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("kind"), max_length=12, choices=NotificationKind.choices)
    feature = models.ForeignKey(Feature, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    comment = models.ForeignKey(Comment, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    params = models.JSONField(
        _("details"), default=dict, blank=True, help_text=_("What the message says, rendered in the reader's language.")
    )
    created = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"])]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self):
        return f"{self.user}: {self.kind}"


class NotificationPreference(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=NotificationKind.choices)
    in_app = models.BooleanField(_("in the inbox"), default=True)
    email = models.BooleanField(_("by e-mail"), default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_per_kind")]
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self):
        return f"{self.user} {self.kind}"


class DeliveryChannel(models.TextChoices):
    EMAIL = "email", _("e-mail")
    WEBHOOK = "webhook", _("webhook")


class DeliveryState(models.TextChoices):
    PENDING = "pending", _("waiting to be sent")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed for good")


class Delivery(models.Model):
    channel = models.CharField(_("channel"), max_length=10, choices=DeliveryChannel.choices)
    to = models.CharField(_("to"), max_length=300, help_text=_("An e-mail address or a webhook URL."))
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    body = models.TextField(_("body"), blank=True)
    payload = models.JSONField(_("webhook payload"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=DeliveryState.choices, default=DeliveryState.PENDING)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["state", "next_attempt_at"])]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")

    def __str__(self):
        return f"{self.channel} to {self.to} ({self.state})"
