"""The building stock of the digital twin, stored in EPSG:5186 (Korea 2000 / Central Belt 2010) metres.

Buildings are measured in metres because the simulations (wind, sunlight,
view) work on metric grids; storing them in the planar CRS that covers Seoul
spares a transformation per query. Each building remembers where it came from
(``source`` and its identifier there, ``source_id``) so that an import can be
run again and update rows in place instead of duplicating them.
"""

from django.contrib.gis.db import models
from django.utils.translation import gettext_lazy as _

from ..readers.limits import MAX_HEIGHT_M

BUILDING_SRID = 5186


class BuildingUse(models.TextChoices):
    """The main use of a building (주용도), coarsened to what the simulations and maps distinguish."""

    RESIDENTIAL = "residential", _("residential")
    COMMERCIAL = "commercial", _("commercial")
    OFFICE = "office", _("office")
    MIXED = "mixed", _("mixed use")
    PUBLIC = "public", _("public")
    INDUSTRIAL = "industrial", _("industrial")
    OTHER = "other", _("other")


class Building(models.Model):
    """A building: its footprint, height above ground and floors, from one source (a file, a service, the demo)."""

    footprint = models.MultiPolygonField(_("footprint"), srid=BUILDING_SRID, spatial_index=True)
    height = models.FloatField(_("height (m)"), help_text=_("Height above ground in metres."))
    floors_above = models.PositiveSmallIntegerField(_("floors above ground"), default=1)
    floors_below = models.PositiveSmallIntegerField(_("floors below ground"), default=0)
    use = models.CharField(_("use"), max_length=20, choices=BuildingUse.choices, default=BuildingUse.OTHER)
    name = models.CharField(_("name"), max_length=200, blank=True)
    source = models.CharField(_("source"), max_length=50, help_text=_('Where the row came from, e.g. "demo".'))
    source_id = models.CharField(_("identifier in the source"), max_length=100)
    height_estimated = models.BooleanField(
        _("height estimated"), default=False, help_text=_("The source gave no height; it was estimated.")
    )
    ground_height = models.FloatField(
        _("ground height (m)"),
        null=True,
        blank=True,
        help_text=_("Terrain elevation under the building (metres above sea level), sampled from the terrain."),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("building")
        verbose_name_plural = _("buildings")
        constraints = [
            models.UniqueConstraint(fields=["source", "source_id"], name="building_unique_per_source"),
            models.CheckConstraint(condition=models.Q(height__gt=0), name="building_height_positive"),
            models.CheckConstraint(condition=models.Q(height__lte=MAX_HEIGHT_M), name="building_height_plausible"),
        ]

    def __str__(self):
        return self.name or f"{self.source} {self.source_id}"
