"""Renaming a layer renames its MVT layer, so it moves the layer's revision (the tile cache key) too."""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION layers_rename_bumps_revision() RETURNS trigger AS $$
BEGIN
    NEW.revision := OLD.revision + 1;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER layers_layer_rename_revision BEFORE UPDATE OF name ON layers_layer
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION layers_rename_bumps_revision();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS layers_layer_rename_revision ON layers_layer;
DROP FUNCTION IF EXISTS layers_rename_bumps_revision();
"""


class Migration(migrations.Migration):
    dependencies = [("layers", "0003_layer_revision_triggers")]
    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
