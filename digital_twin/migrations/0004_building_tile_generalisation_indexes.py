"""Spatial indexes of the larger buildings only, for the building tiles of city-wide zooms.

At zooms 13 and 14 the building tiles leave out footprints under 400 m² and
100 m² (``tiles.tilemath.min_building_footprint``). Through the index of all
footprints, a z13 tile of central Seoul scans some 200,000 small buildings to
keep a few (about 0.4 s, measured by ``bench/buildings.py``); these partial
indexes hold only the buildings such a tile keeps, and the planner uses them
because the tile query's minimum area is a literal (client-side binding).
"""

from django.db import migrations

SIZES = (100, 400)


def forward():
    return "\n".join(
        f"CREATE INDEX digital_twin_building_3857_over_{size}_idx ON digital_twin_building "
        f"USING gist (footprint_3857) WHERE footprint_area >= {size};"
        for size in SIZES
    )


def backward():
    return "\n".join(f"DROP INDEX IF EXISTS digital_twin_building_3857_over_{size}_idx;" for size in SIZES)


class Migration(migrations.Migration):
    dependencies = [("digital_twin", "0003_twin_terrain_scenarios_imports")]
    operations = [migrations.RunSQL(forward(), backward())]
