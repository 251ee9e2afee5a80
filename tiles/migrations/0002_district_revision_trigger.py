"""Bump the ``districts`` tile-source revision on every statement that changes districts."""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION tiles_bump_source() RETURNS trigger AS $$
BEGIN
    INSERT INTO tiles_sourcerevision (source, revision) VALUES (TG_ARGV[0], 1)
    ON CONFLICT (source) DO UPDATE SET revision = tiles_sourcerevision.revision + 1;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""

TRIGGER = """
CREATE TRIGGER tiles_districts_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON mapping_district
    FOR EACH STATEMENT EXECUTE FUNCTION tiles_bump_source('districts');
"""


class Migration(migrations.Migration):
    dependencies = [("tiles", "0001_initial"), ("mapping", "0001_initial")]
    operations = [
        migrations.RunSQL(FUNCTION, "DROP FUNCTION IF EXISTS tiles_bump_source();"),
        migrations.RunSQL(TRIGGER, "DROP TRIGGER IF EXISTS tiles_districts_revision ON mapping_district;"),
    ]
