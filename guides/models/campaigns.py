"""Mapping campaigns (mapping parties): residents map one area of a map together for a few days.

A district's safety team or a group (the map's owner and editors) opens a
campaign on a map for an area and a date range, with a goal. Its progress is
counted from the features themselves (guides/services/progress.py): features
of the map (or of one layer) inside the area, created between the first and
the last day (Seoul time); the share of the area covered is the share of
``cell_metres`` × ``cell_metres`` cells (EPSG:5186) holding at least one of
them. Residents join; those who opt in are named on the leaderboard.
"""

from django.conf import settings
from django.contrib.gis.db import models
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from layers.models import Category, Layer
from mapping.models import District, Map

CELL_SIZES = [(50, "50 m"), (100, "100 m"), (200, "200 m"), (250, "250 m"), (500, "500 m")]


class Campaign(models.Model):
    map = models.ForeignKey(Map, on_delete=models.CASCADE, related_name="campaigns", verbose_name=_("map"))
    layer = models.ForeignKey(
        Layer,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="campaigns",
        verbose_name=_("layer"),
        help_text=_("Count the features of this layer only (all the map's layers when empty)."),
    )
    category = models.ForeignKey(
        Category,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("category"),
        help_text=_("Count the features of this category only, e.g. dark alleys."),
    )
    title = models.CharField(_("title"), max_length=200)
    goal = models.CharField(_("goal"), max_length=300, help_text=_("e.g. “every dark alley in 3 dongs”"))
    goal_features = models.PositiveIntegerField(
        _("features to reach"), null=True, blank=True, validators=[MaxValueValidator(100_000)]
    )
    description = models.TextField(_("description"), max_length=5000, blank=True)
    organiser = models.CharField(
        _("organised by"), max_length=100, help_text=_("Shown on the campaign: a district team or a group's name.")
    )
    district = models.ForeignKey(
        District,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="campaigns",
        verbose_name=_("organising district"),
    )
    area = models.MultiPolygonField(_("area"), srid=4326)
    starts = models.DateField(_("first day"))
    ends = models.DateField(_("last day"))
    cell_metres = models.PositiveIntegerField(
        _("cell size (m)"),
        choices=CELL_SIZES,
        default=100,
        validators=[MinValueValidator(50), MaxValueValidator(500)],
        help_text=_("The area is cut into square cells of this size; a cell is covered when it holds a report."),
    )
    closing_note = models.TextField(
        _("closing note"), max_length=5000, blank=True, help_text=_("The organiser's words on the summary page.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("opened by")
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-starts", "-pk"]
        constraints = [models.CheckConstraint(condition=Q(ends__gte=F("starts")), name="campaign_ends_after_start")]
        verbose_name = _("mapping campaign")
        verbose_name_plural = _("mapping campaigns")

    def __str__(self):
        return self.title

    @property
    def etag(self):
        return f'"c{self.pk}-v{self.version}"'


class CampaignParticipant(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="campaigns_joined")
    on_leaderboard = models.BooleanField(
        _("show me on the leaderboard"),
        default=False,
        help_text=_("Your user name and how many reports you added appear on the campaign's leaderboard."),
    )
    joined = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        ordering = ["campaign", "joined", "pk"]
        constraints = [models.UniqueConstraint(fields=["campaign", "user"], name="campaign_participant_once")]
        verbose_name = _("campaign participant")
        verbose_name_plural = _("campaign participants")

    def __str__(self):
        return f"{self.user} @ {self.campaign}"
