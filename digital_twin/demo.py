"""The demo city's buildings and terrain in the database, as source "demo" (see ``demo_city``, ``demo_terrain``).

Loading synchronises rather than recreates: rows that already match the
generated city are left alone (a second run writes nothing), changed ones are
updated in place through one upsert on (source, source_id), so their primary
keys survive for whatever refers to them, and rows the city no longer has are
deleted. All of it happens in one transaction.
"""

import tempfile
from pathlib import Path

import rasterio
from django.contrib.gis.geos import GEOSGeometry, MultiPolygon, Polygon
from django.db import transaction
from rasterio.transform import from_origin

from .demo_city import CITY_HALL_5186, generate_demo_city
from .demo_terrain import demo_dem
from .importing.terrain import import_terrain, resample_ground
from .models import BUILDING_SRID, Building, Scenario, StudyArea, Terrain

DEMO_SOURCE = "demo"
SYNCED_FIELDS = ("footprint", "height", "floors_above", "floors_below", "use", "name", "height_estimated")


def load_demo_buildings(stdout=None) -> int:
    """Store the demo city's buildings; returns how many demo buildings there are. Safe to run again."""
    wanted = {row.source_id: row for row in map(building, generate_demo_city().buildings)}
    with transaction.atomic():
        stored = stored_snapshots()
        changed = [row for source_id, row in wanted.items() if stored.get(source_id) != row_snapshot(row)]
        stale = stored.keys() - wanted.keys()
        Building.objects.filter(source=DEMO_SOURCE, source_id__in=stale).delete()
        Building.objects.bulk_create(
            changed,
            batch_size=500,
            update_conflicts=True,
            unique_fields=["source", "source_id"],
            update_fields=[*SYNCED_FIELDS, "updated"],
        )
    if stdout is not None:
        stdout.write(f"Demo buildings: {len(wanted)} ({len(changed)} written, {len(stale)} removed).\n")
    return len(wanted)


def building(record):
    """An unsaved ``Building`` for a ``DemoBuilding``, its footprint as a one-part multipolygon."""
    polygon = GEOSGeometry(memoryview(record.footprint.wkb), srid=BUILDING_SRID)
    return Building(
        footprint=MultiPolygon(polygon, srid=BUILDING_SRID),
        height=record.height,
        floors_above=record.floors_above,
        floors_below=record.floors_below,
        use=record.use,
        name=record.name,
        source=DEMO_SOURCE,
        source_id=record.source_id,
        height_estimated=False,
    )


def row_snapshot(row):
    return snapshot([getattr(row, field) for field in SYNCED_FIELDS])


def stored_snapshots():
    """source_id → snapshot of every demo building in the database."""
    rows = Building.objects.filter(source=DEMO_SOURCE).values_list("source_id", *SYNCED_FIELDS)
    return {source_id: snapshot(values) for source_id, *values in rows}


def snapshot(values):
    """The synchronised fields' values, footprint first, made comparable: the footprint as its WKB."""
    footprint, *rest = values
    return (bytes(footprint.wkb), *rest)


def load_demo_terrain(stdout=None):
    """Register the demo DEM once (then only sample the ground of buildings that have none); returns the terrain."""
    terrain = Terrain.objects.filter(source=DEMO_SOURCE, name=DEMO_SOURCE).first()
    if terrain is not None and Path(terrain.file.path).is_file():
        with transaction.atomic():
            sampled = resample_ground(terrain) if Building.objects.filter(ground_height__isnull=True).exists() else 0
        if stdout is not None:
            stdout.write(f"Demo terrain: already registered ({sampled} ground heights sampled).\n")
        return terrain
    elevation, (west, north), cell = demo_dem()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo-dem.tif"
        profile = {
            "driver": "GTiff",
            "width": elevation.shape[1],
            "height": elevation.shape[0],
            "count": 1,
            "dtype": "float32",
            "crs": f"EPSG:{BUILDING_SRID}",
            "transform": from_origin(west, north, cell, cell),
        }
        with rasterio.open(path, "w", **profile) as dem:
            dem.write(elevation, 1)
        outcome = import_terrain(path, name=DEMO_SOURCE, source=DEMO_SOURCE)
    if stdout is not None:
        stdout.write(f"Demo terrain: {outcome.min_elevation:.0f}–{outcome.max_elevation:.0f} m, "
                     f"{outcome.buildings_sampled} ground heights sampled.\n")  # fmt: skip
    return Terrain.objects.get(pk=outcome.terrain_id)


DEMO_AREA_NAME = "시청 앞 재개발 검토 구역"
DEMO_AREA_HALF_M = 250.0


def load_demo_scenario(planner, stdout=None):
    """A study area of 500 m × 500 m around City Hall and an empty scenario over it, owned by ``planner``, once."""
    x, y = CITY_HALL_5186
    area = Polygon.from_bbox((x - DEMO_AREA_HALF_M, y - DEMO_AREA_HALF_M, x + DEMO_AREA_HALF_M, y + DEMO_AREA_HALF_M))
    area.srid = BUILDING_SRID
    study_area, created = StudyArea.objects.get_or_create(
        name=DEMO_AREA_NAME, defaults={"area": area, "owner": planner, "description": "데모: 시청 일대 500 m"}
    )
    if created:
        Scenario.objects.create(study_area=study_area, name="데모 시나리오 A", owner=planner)
    if stdout is not None:
        stdout.write(f"Demo study area: {'created' if created else 'already present'} ({DEMO_AREA_NAME}).\n")
    return study_area
