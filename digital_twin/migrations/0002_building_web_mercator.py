"""Stored Web Mercator footprints (with a spatial index) and footprint areas, for building tiles.

The footprint stays in EPSG:5186 (metres) for simulations; tiles read the
generated copy in EPSG:3857 and filter small buildings on the stored area, so
a tile query transforms and measures nothing per row.
"""

from django.db import migrations

FORWARD = """
ALTER TABLE digital_twin_building
    ADD COLUMN footprint_3857 geometry(MultiPolygon, 3857) GENERATED ALWAYS AS (ST_Transform(footprint, 3857)) STORED,
    ADD COLUMN footprint_area double precision GENERATED ALWAYS AS (ST_Area(footprint)) STORED;
CREATE INDEX digital_twin_building_footprint_3857_idx ON digital_twin_building USING gist (footprint_3857);
"""

BACKWARD = """
ALTER TABLE digital_twin_building DROP COLUMN footprint_3857, DROP COLUMN footprint_area;
"""


class Migration(migrations.Migration):
    dependencies = [("digital_twin", "0001_initial")]
    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
