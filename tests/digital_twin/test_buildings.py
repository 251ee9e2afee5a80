"""Buildings in PostGIS: the demo city loads idempotently, in EPSG:5186, indexed, inside 중구, constrained."""

from io import StringIO

import numpy as np
import pytest
from django.contrib.gis.db.models import Extent
from django.contrib.gis.geos import MultiPolygon, Polygon
from django.db import IntegrityError, connection, transaction
from django.db.models import Count
from django.urls import reverse

from digital_twin.demo import DEMO_SOURCE, load_demo_buildings
from digital_twin.demo_city import generate_demo_city
from digital_twin.models import Building, BuildingUse

pytestmark = pytest.mark.django_db


def square_5186(x=198_000.0, y=551_900.0, size=10.0):
    return MultiPolygon(Polygon.from_bbox((x, y, x + size, y + size)), srid=5186)


def load():
    out = StringIO()
    count = load_demo_buildings(stdout=out)
    return count, out.getvalue()


def test_loading_twice_gives_the_same_rows_and_writes_nothing_the_second_time():
    count, first = load()
    assert count == len(generate_demo_city().buildings)
    rows = dict(Building.objects.values_list("source_id", "pk"))
    assert Building.objects.filter(source=DEMO_SOURCE).count() == count == len(rows)
    assert f"{count} written" in first

    assert load() == (count, f"Demo buildings: {count} (0 written, 0 removed).\n")
    assert dict(Building.objects.values_list("source_id", "pk")) == rows
    duplicates = Building.objects.values("source", "source_id").annotate(n=Count("pk")).filter(n__gt=1)
    assert not duplicates.exists()


def test_loading_again_repairs_changed_rows_in_place_and_removes_stale_ones():
    load()
    tower = Building.objects.get(name="중구 타워 1")
    Building.objects.filter(pk=tower.pk).update(height=1.0, use=BuildingUse.OTHER)
    Building.objects.create(footprint=square_5186(), height=3.0, source=DEMO_SOURCE, source_id="demo-stale")
    other = Building.objects.create(footprint=square_5186(), height=3.0, source="gis-building", source_id="1")

    count, output = load()

    assert output == f"Demo buildings: {count} (1 written, 1 removed).\n"
    repaired = Building.objects.get(pk=tower.pk)
    assert (repaired.height, repaired.use) == (tower.height, tower.use)
    assert not Building.objects.filter(source_id="demo-stale").exists()
    assert Building.objects.filter(pk=other.pk).exists()


def test_the_demo_city_has_the_heights_and_uses_of_the_model():
    load()
    assert set(Building.objects.values_list("use", flat=True)) <= set(BuildingUse.values)
    assert not Building.objects.filter(height__lte=0).exists()
    assert Building.objects.filter(height__gt=100).count() >= 5


def test_footprints_are_stored_in_epsg_5186_with_a_spatial_index():
    load()
    with connection.cursor() as cursor:
        cursor.execute("SELECT Find_SRID('public', 'digital_twin_building', 'footprint')")
        assert cursor.fetchone() == (5186,)
        cursor.execute("SELECT DISTINCT ST_SRID(footprint) FROM digital_twin_building")
        assert cursor.fetchall() == [(5186,)]
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'digital_twin_building' AND indexdef ILIKE %s",
            ["%USING gist (footprint)%"],
        )
        assert len(cursor.fetchall()) == 1


def test_the_demo_city_lies_in_junggu_around_city_hall(junggu):
    load()
    extent = Polygon.from_bbox(Building.objects.aggregate(extent=Extent("footprint"))["extent"])
    extent.srid = 5186
    lonlat = extent.transform(4326, clone=True)
    assert junggu.boundary.contains(lonlat)
    assert lonlat.contains(Polygon.from_bbox((126.9779, 37.5664, 126.9781, 37.5666)))


def test_source_and_source_id_are_unique_together():
    Building.objects.create(footprint=square_5186(), height=10.0, source="gis-building", source_id="11140-1")
    Building.objects.create(footprint=square_5186(), height=10.0, source="demo", source_id="11140-1")
    with pytest.raises(IntegrityError), transaction.atomic():
        Building.objects.create(footprint=square_5186(), height=12.0, source="gis-building", source_id="11140-1")


def test_height_must_be_positive():
    with pytest.raises(IntegrityError), transaction.atomic():
        Building.objects.create(footprint=square_5186(), height=0.0, source="gis-building", source_id="flat")


def test_the_admin_lists_and_shows_a_building_on_the_map(admin_client):
    building = Building.objects.create(
        footprint=square_5186(),
        height=42.0,
        floors_above=12,
        use="office",
        name="시청 별관",
        source="demo",
        source_id="x",
    )
    listing = admin_client.get(reverse("admin:digital_twin_building_changelist"), {"q": "시청"})
    assert listing.status_code == 200
    assert "시청 별관" in listing.content.decode()
    page = admin_client.get(reverse("admin:digital_twin_building_change", args=[building.pk]))
    assert page.status_code == 200
    assert reverse("admin:mapping_district_boundaries") in page.content.decode()


def test_the_demo_terrain_is_gentle_registered_once_and_gives_every_demo_building_its_ground(settings, tmp_path):
    from digital_twin.demo import load_demo_terrain
    from digital_twin.demo_terrain import demo_dem
    from digital_twin.models import Terrain

    settings.MEDIA_ROOT = tmp_path
    elevation, _, cell = demo_dem()
    slope = max(abs(np.diff(elevation, axis=0)).max(), abs(np.diff(elevation, axis=1)).max()) / cell
    assert 20 < elevation.min() < elevation.max() < 80 and slope < 0.1  # under 10 %: a gentle city floor
    assert (demo_dem()[0] == elevation).all()
    load()
    first = load_demo_terrain()
    assert not Building.objects.filter(source=DEMO_SOURCE, ground_height__isnull=True).exists()
    out = StringIO()
    assert load_demo_terrain(stdout=out).pk == first.pk and Terrain.objects.count() == 1
    assert "already registered (0 ground heights sampled)" in out.getvalue()


def test_the_demo_study_area_and_scenario_are_created_once_for_the_planner(users):
    from digital_twin.demo import DEMO_AREA_NAME, load_demo_scenario
    from digital_twin.models import Scenario, StudyArea

    load()
    area = load_demo_scenario(users["planner"])
    assert load_demo_scenario(users["planner"]).pk == area.pk and StudyArea.objects.count() == 1
    assert area.name == DEMO_AREA_NAME and area.area.area == pytest.approx(250_000.0)
    assert Scenario.objects.get(study_area=area).owner == users["planner"]
    in_area = Building.objects.filter(footprint__intersects=area.area).count()
    assert in_area > 50  # the area is on the demo city's buildings


def test_the_tiles_of_city_wide_zooms_read_partial_indexes_of_the_larger_buildings():
    from tiles.tilemath import min_building_footprint

    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = 'digital_twin_building'")
        definitions = [row[0] for row in cursor.fetchall()]
    for zoom in (13, 14):
        size = int(min_building_footprint(zoom))
        assert any(f"WHERE (footprint_area >= ({size})" in d and "gist (footprint_3857)" in d for d in definitions)
