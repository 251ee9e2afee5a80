"""The history of every feature: each create, update, delete and revert with old and new values.

Rows outlive the feature they describe (``feature_id`` is a plain column), so a
deleted feature can be brought back from its last recorded state.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .layers import Layer


class ChangeAction(models.TextChoices):
    CREATE = "create", _("created")
    UPDATE = "update", _("updated")
    DELETE = "delete", _("deleted")
    REVERT = "revert", _("reverted")


class FeatureChange(models.Model):
    feature_id = models.BigIntegerField(db_index=True)
    layer = models.ForeignKey(Layer, on_delete=models.CASCADE, related_name="feature_changes")
    action = models.CharField(max_length=10, choices=ChangeAction.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(help_text=_("The feature's version after the change."))
    old = models.JSONField(null=True, blank=True)
    new = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["feature_id", "-at", "-pk"]
        verbose_name = _("feature change")
        verbose_name_plural = _("feature changes")

    def __str__(self):
        return f"feature {self.feature_id} {self.action} at {self.at:%Y-%m-%d %H:%M}"
