"""Planning scenarios: a study area, scenarios over it, and each scenario's edits kept apart from the base stock.

The base buildings are never written by a scenario. A scenario is the base
stock inside its study area plus its own rows: buildings it adds
(``ScenarioBuilding``, with their own footprint) and base buildings it changes
or removes (``ScenarioOverride``, one row per touched building). Copying a
scenario copies those rows; comparing two scenarios reads them over the
base. Every edit bumps the scenario's ``version``, the ETag the API checks
with If-Match, so two planners never overwrite each other's edits.
"""

from django.conf import settings
from django.contrib.gis.db import models
from django.utils.translation import gettext_lazy as _

from .buildings import BUILDING_SRID, MAX_HEIGHT_M, Building, BuildingUse


class StudyArea(models.Model):
    """The area a planning question is about (EPSG:5186), e.g. a redevelopment site and its neighbours."""

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    area = models.PolygonField(_("area"), srid=BUILDING_SRID)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="study_areas", verbose_name=_("owner")
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("study area")
        verbose_name_plural = _("study areas")
        ordering = ["-updated", "-pk"]

    def __str__(self):
        return self.name

    @property
    def etag(self):
        return f'"a{self.pk}-v{self.version}"'


class Scenario(models.Model):
    """A proposed state of the study area: the base stock plus this scenario's added, changed and removed buildings."""

    study_area = models.ForeignKey(
        StudyArea, on_delete=models.CASCADE, related_name="scenarios", verbose_name=_("study area")
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="scenarios", verbose_name=_("owner")
    )
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="copies", verbose_name=_("copied from")
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("scenario")
        verbose_name_plural = _("scenarios")
        ordering = ["-updated", "-pk"]

    def __str__(self):
        return self.name

    @property
    def etag(self):
        return f'"s{self.pk}-v{self.version}"'


def plausible_height():
    return [
        models.CheckConstraint(condition=models.Q(height__gt=0), name="%(class)s_height_positive"),
        models.CheckConstraint(condition=models.Q(height__lte=MAX_HEIGHT_M), name="%(class)s_height_plausible"),
    ]


class ScenarioBuilding(models.Model):
    """A building the scenario adds: a drawn footprint (EPSG:5186) with its height and floors."""

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="added", verbose_name=_("scenario"))
    footprint = models.MultiPolygonField(_("footprint"), srid=BUILDING_SRID)
    height = models.FloatField(_("height (m)"))
    floors_above = models.PositiveSmallIntegerField(_("floors above ground"), default=1)
    floors_below = models.PositiveSmallIntegerField(_("floors below ground"), default=0)
    use = models.CharField(_("use"), max_length=20, choices=BuildingUse.choices, default=BuildingUse.OTHER)
    name = models.CharField(_("name"), max_length=200, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("added building")
        verbose_name_plural = _("added buildings")
        ordering = ["pk"]
        constraints = plausible_height()

    def __str__(self):
        return self.name or f"+{self.pk}"


class ScenarioOverride(models.Model):
    """A base building the scenario changes (new height and floors) or removes; the base row stays as it is."""

    scenario = models.ForeignKey(
        Scenario, on_delete=models.CASCADE, related_name="overrides", verbose_name=_("scenario")
    )
    building = models.ForeignKey(
        Building, on_delete=models.CASCADE, related_name="scenario_overrides", verbose_name=_("building")
    )
    removed = models.BooleanField(_("removed"), default=False)
    height = models.FloatField(_("height (m)"), null=True, blank=True)
    floors_above = models.PositiveSmallIntegerField(_("floors above ground"), null=True, blank=True)

    class Meta:
        verbose_name = _("changed or removed building")
        verbose_name_plural = _("changed or removed buildings")
        constraints = [
            models.UniqueConstraint(fields=["scenario", "building"], name="scenario_override_once_per_building"),
            models.CheckConstraint(
                condition=models.Q(removed=True) | models.Q(height__gt=0, height__lte=MAX_HEIGHT_M),
                name="scenario_override_removes_or_sets_a_plausible_height",
            ),
        ]

    def __str__(self):
        return f"{self.scenario}: {self.building_id} {'removed' if self.removed else self.height}"
