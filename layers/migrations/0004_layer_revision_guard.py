"""Guard a layer's revision (the tile cache key) on every update of the layer row.

- it never goes backwards: a save from a stale Python object cannot undo the
  bumps the feature triggers made meanwhile (which would let an old cached
  tile be served again);
- renaming a layer renames its MVT layer, so a rename moves the revision too.
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION layers_guard_revision() RETURNS trigger AS $$
BEGIN
    NEW.revision := GREATEST(NEW.revision, OLD.revision);
    IF OLD.name IS DISTINCT FROM NEW.name THEN
        NEW.revision := NEW.revision + 1;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER layers_layer_guard_revision BEFORE UPDATE ON layers_layer
    FOR EACH ROW EXECUTE FUNCTION layers_guard_revision();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS layers_layer_guard_revision ON layers_layer;
DROP FUNCTION IF EXISTS layers_guard_revision();
"""


class Migration(migrations.Migration):
    dependencies = [("layers", "0003_layer_revision_triggers")]
    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
