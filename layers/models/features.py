"""A feature that a resident drew: one PostGIS row with its geometry, category and status.

Two states travel with a feature. ``status`` says who may see it (published to
everyone who sees the map; the others only to the author, the district's
reviewers and admins). ``stage`` is where the district is with it, on layers
whose reports the district handles (``Layer.workflow``): received, in review,
assigned to a department, in progress, then resolved or declined.
"""

from django.conf import settings
from django.contrib.gis.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from mapping.models import District

from .layers import Category, Layer


class FeatureStatus(models.TextChoices):
    PENDING = "pending", _("pending review")
    PUBLISHED = "published", _("published")
    REJECTED = "rejected", _("rejected")
    HIDDEN = "hidden", _("hidden")
    REFERRED = "referred", _("referred elsewhere")
    MERGED = "merged", _("merged into another report")


class Stage(models.TextChoices):
    RECEIVED = "received", _("received")
    IN_REVIEW = "in_review", _("in review")
    ASSIGNED = "assigned", _("assigned")
    IN_PROGRESS = "in_progress", _("in progress")
    RESOLVED = "resolved", _("resolved")
    DECLINED = "declined", _("declined")


OPEN_STAGES = (Stage.RECEIVED, Stage.IN_REVIEW, Stage.ASSIGNED, Stage.IN_PROGRESS)
CLOSED_STAGES = (Stage.RESOLVED, Stage.DECLINED)


class Feature(models.Model):
    layer = models.ForeignKey(Layer, on_delete=models.CASCADE, related_name="features", db_index=False)
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
        db_index=False,
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
    published_at = models.DateTimeField(
        _("published"),
        null=True,
        blank=True,
        help_text=_("When it first became public; 공감 thresholds count from here."),
    )

    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices, default=Stage.RECEIVED)
    department = models.ForeignKey(
        "mapping.Department",
        db_index=False,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_features",
        verbose_name=_("assigned department"),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    first_response_at = models.DateTimeField(_("first response"), null=True, blank=True)
    closed_at = models.DateTimeField(_("resolved or declined"), null=True, blank=True)
    threshold_reached_at = models.DateTimeField(_("공감 threshold reached"), null=True, blank=True)
    answer_due = models.DateTimeField(_("official answer due"), null=True, blank=True)
    answered_at = models.DateTimeField(_("official answer given"), null=True, blank=True)
    possible_duplicate_of = models.ForeignKey(
        "self",
        db_index=False,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="possible_duplicates",
        verbose_name=_("possible duplicate of"),
    )
    merged_into = models.ForeignKey(
        "self",
        db_index=False,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged_features",
        verbose_name=_("merged into"),
    )

    class Meta:
        ordering = ["-created", "-pk"]
        # The foreign keys layer, district and department are indexed by the composite indexes they lead.
        indexes = [
            models.Index(fields=["layer", "status"]),
            models.Index(fields=["district", "status"]),
            models.Index(fields=["district", "stage"]),
            models.Index(fields=["department", "stage"]),
            # Most reports are no one's duplicate: partial indexes stay small and cost nothing on insert.
            models.Index(
                fields=["possible_duplicate_of"],
                condition=Q(possible_duplicate_of__isnull=False),
                name="feature_dup_of_idx",
            ),
            models.Index(
                fields=["merged_into"], condition=Q(merged_into__isnull=False), name="feature_merged_into_idx"
            ),
        ]
        verbose_name = _("feature")
        verbose_name_plural = _("features")

    def __str__(self):
        return self.title

    @property
    def etag(self):
        return f'"f{self.pk}-v{self.version}"'
