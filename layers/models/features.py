"""A feature that a resident drew: one PostGIS row with its geometry, category and status."""

from django.conf import settings
from django.contrib.gis.db import models
from django.utils.translation import gettext_lazy as _

from mapping.models import District

from .layers import Category, Layer


class FeatureStatus(models.TextChoices):
    PENDING = "pending", _("pending review")
    PUBLISHED = "published", _("published")
    REJECTED = "rejected", _("rejected")
    HIDDEN = "hidden", _("hidden")


class Feature(models.Model):
    layer = models.ForeignKey(Layer, on_delete=models.CASCADE, related_name="features")
    geometry = models.GeometryField(_("geometry"), srid=4326, spatial_index=True)
    category = models.ForeignKey(Category, on_delete=models.RESTRICT, related_name="features")
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True, max_length=4000)
    properties = models.JSONField(_("extra properties"), default=dict, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="features"
    )
    district = models.ForeignKey(
        District,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="features",
        help_text=_("The district the feature lies in; its reviewers moderate it."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=FeatureStatus.choices, default=FeatureStatus.PUBLISHED
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    vote_count = models.PositiveIntegerField(
        _("votes"),
        default=0,
        db_default=0,
        editable=False,
        help_text=_("How many residents agree with this report (공감); kept by the vote service."),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created", "-pk"]
        indexes = [
            models.Index(fields=["layer", "status"]),
            models.Index(fields=["district", "status"]),
        ]
        verbose_name = _("feature")
        verbose_name_plural = _("features")

    def __str__(self):
        return self.title

    @property
    def etag(self):
        return f'"f{self.pk}-v{self.version}"'
