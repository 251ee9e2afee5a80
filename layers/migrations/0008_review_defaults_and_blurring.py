"""Data and SQL for the review workflow: a blurring function for sensitive locations, and the new
columns filled in for features and layers that already exist (the default rejection reasons are
written after migrate by layers/default_reasons.py).

``urbanlife_blurred_location(geom, cell)`` is the one definition of a blurred
place, used by the tiles' SQL and by the ORM alike: a point on the geometry's
surface, snapped in EPSG:5186 (metres) to the nearest node of a ``cell``-metre
grid, in the geometry's own CRS. The same input always gives the same point, so
repeated requests cannot be averaged back to the exact place.
"""

from django.db import migrations
from django.db.models import F

BLUR_FUNCTION = """
CREATE OR REPLACE FUNCTION urbanlife_blurred_location(geom geometry, cell double precision)
RETURNS geometry LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $$
    SELECT ST_Transform(ST_SnapToGrid(ST_Transform(ST_PointOnSurface(geom), 5186), cell), ST_SRID(geom))
$$;
"""
DROP_BLUR_FUNCTION = "DROP FUNCTION IF EXISTS urbanlife_blurred_location(geometry, double precision);"

HAZARD_KEYS = ["dark-alley", "walkway-danger", "broken-facility", "flooding", "crime-worry"]


def add_defaults(apps, schema_editor):
    Category = apps.get_model("layers", "Category")
    Category.objects.filter(key="crime-worry").update(sensitive=True)
    Category.objects.filter(key__in=["broken-facility", "flooding"]).update(due_days=7)
    Layer = apps.get_model("layers", "Layer")
    Layer.objects.filter(map__kind="safety", categories__key__in=HAZARD_KEYS).update(workflow=True)
    Feature = apps.get_model("layers", "Feature")
    Feature.objects.filter(status="published", published_at__isnull=True).update(published_at=F("created"))


class Migration(migrations.Migration):
    dependencies = [("layers", "0007_review_workflow_comments_notifications")]
    operations = [
        migrations.RunSQL(BLUR_FUNCTION, DROP_BLUR_FUNCTION),
        migrations.RunPython(add_defaults, migrations.RunPython.noop),
    ]
