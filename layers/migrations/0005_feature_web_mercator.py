"""A stored Web Mercator copy of each feature's geometry, with its own spatial index, for tiles.

Tiles are cut in EPSG:3857: with the copy stored, a tile query filters on an
index in the tile's own CRS and transforms nothing per row. PostgreSQL keeps
the generated column in step with ``geometry`` on every write; Django never
reads or writes it.
"""

from django.db import migrations

FORWARD = """
ALTER TABLE layers_feature
    ADD COLUMN geom_3857 geometry(Geometry, 3857) GENERATED ALWAYS AS (ST_Transform(geometry, 3857)) STORED;
CREATE INDEX layers_feature_geom_3857_idx ON layers_feature USING gist (geom_3857);
"""

BACKWARD = "ALTER TABLE layers_feature DROP COLUMN geom_3857;"


class Migration(migrations.Migration):
    dependencies = [("layers", "0004_layer_revision_guard")]
    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
