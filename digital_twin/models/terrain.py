"""Terrain: registered digital elevation models (DEM GeoTIFFs), each reprojected to EPSG:5186 and kept as a file.

The raster itself stays a file under ``MEDIA_ROOT/terrain/`` (a tiled,
compressed GeoTIFF that rasterio reads window by window); the row records
what the file covers and where it came from, so the buildings standing on it
can be found by a spatial query and their ground height sampled again.
"""

from django.contrib.gis.db import models
from django.utils.translation import gettext_lazy as _

from .buildings import BUILDING_SRID


class Terrain(models.Model):
    """A DEM: its file (EPSG:5186), extent, cell size and elevation range, and the CRS it was brought in."""

    name = models.CharField(_("name"), max_length=200)
    source = models.CharField(_("source"), max_length=50, help_text=_('Where the DEM came from, e.g. "demo".'))
    file = models.FileField(_("GeoTIFF file (EPSG:5186)"), upload_to="terrain/", max_length=255)
    extent = models.PolygonField(_("extent"), srid=BUILDING_SRID, spatial_index=True)
    original_srid = models.PositiveIntegerField(_("CRS of the original file (EPSG code)"))
    resolution = models.FloatField(_("cell size (m)"))
    width = models.PositiveIntegerField(_("columns"))
    height = models.PositiveIntegerField(_("rows"))
    min_elevation = models.FloatField(_("lowest elevation (m)"))
    max_elevation = models.FloatField(_("highest elevation (m)"))
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("terrain")
        verbose_name_plural = _("terrains")
        ordering = ["-created", "-pk"]
        constraints = [models.UniqueConstraint(fields=["source", "name"], name="terrain_unique_per_source")]

    def __str__(self):
        return self.name
