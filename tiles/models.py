"""Revision counters of the shared tile sources (districts, buildings), bumped by database triggers.

Layer tiles use each layer's own revision (layers.Layer.revision); the
basemap sources are whole tables, so each has one counter here. A tile's cache
key contains the counter, so a write can never leave a stale tile in the cache.
"""

from django.db import models

from .lookups import source_revision


class SourceRevision(models.Model):
    source = models.CharField(max_length=40, primary_key=True)
    revision = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "tile source revision"

    def __str__(self):
        return f"{self.source} r{self.revision}"

    current = staticmethod(source_revision)
