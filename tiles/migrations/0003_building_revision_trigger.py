"""Bump the ``buildings`` tile-source revision on every statement that changes buildings."""

from django.db import migrations

TRIGGER = """
CREATE TRIGGER tiles_buildings_revision
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON digital_twin_building
    FOR EACH STATEMENT EXECUTE FUNCTION tiles_bump_source('buildings');
"""


class Migration(migrations.Migration):
    dependencies = [("tiles", "0002_district_revision_trigger"), ("digital_twin", "0001_initial")]
    operations = [
        migrations.RunSQL(TRIGGER, "DROP TRIGGER IF EXISTS tiles_buildings_revision ON digital_twin_building;")
    ]
