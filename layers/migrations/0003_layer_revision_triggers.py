"""Bump a layer's revision in the database on every insert, update or delete of its features.

Statement-level triggers with transition tables: a bulk import of 100,000 rows
bumps the revision once per statement, and no code path (API, admin, import,
raw SQL) can change a feature without the tile cache key moving.
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION layers_bump_revision() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE layers_layer SET revision = revision + 1
        WHERE id IN (SELECT DISTINCT layer_id FROM old_rows);
    ELSIF TG_OP = 'UPDATE' THEN
        UPDATE layers_layer SET revision = revision + 1
        WHERE id IN (SELECT layer_id FROM new_rows UNION SELECT layer_id FROM old_rows);
    ELSE
        UPDATE layers_layer SET revision = revision + 1
        WHERE id IN (SELECT DISTINCT layer_id FROM new_rows);
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER layers_feature_revision_insert AFTER INSERT ON layers_feature
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION layers_bump_revision();
CREATE TRIGGER layers_feature_revision_update AFTER UPDATE ON layers_feature
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION layers_bump_revision();
CREATE TRIGGER layers_feature_revision_delete AFTER DELETE ON layers_feature
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION layers_bump_revision();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS layers_feature_revision_insert ON layers_feature;
DROP TRIGGER IF EXISTS layers_feature_revision_update ON layers_feature;
DROP TRIGGER IF EXISTS layers_feature_revision_delete ON layers_feature;
DROP FUNCTION IF EXISTS layers_bump_revision();
"""


class Migration(migrations.Migration):
    dependencies = [("layers", "0002_initial")]
    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
