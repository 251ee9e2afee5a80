"""The demo city generator alone (no database): deterministic, plausible, and geometrically clean."""

import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import shapely
from shapely import STRtree

from digital_twin.demo_city import CITY_HALL_5186, DEFAULT_SIZE_M, generate_demo_city


@pytest.fixture(scope="module")
def city():
    return generate_demo_city()


def fingerprint(city):
    return (
        [
            (b.source_id, b.footprint.wkb, b.height, b.floors_above, b.floors_below, b.use, b.name)
            for b in city.buildings
        ],
        [(s.kind, s.width, s.centreline.wkb, s.area.wkb) for s in city.streets],
        [block.wkb for block in city.blocks],
    )


def direction(line):
    (x0, y0), (x1, y1) = line.coords[0], line.coords[-1]
    return math.degrees(math.atan2(y1 - y0, x1 - x0))


def heights(city):
    return np.array([building.height for building in city.buildings])


def test_same_seed_gives_the_same_city_byte_for_byte(city):
    assert fingerprint(generate_demo_city()) == fingerprint(city)


def test_another_seed_gives_another_city(city):
    assert fingerprint(generate_demo_city(seed=city.seed + 1)) != fingerprint(city)


def test_about_two_thousand_buildings_with_unique_ids(city):
    assert 1_800 <= len(city.buildings) <= 2_300
    assert len({building.source_id for building in city.buildings}) == len(city.buildings)


def test_the_study_area_is_centred_on_city_hall(city):
    assert city.centre == CITY_HALL_5186
    assert city.study_area.centroid.distance(shapely.Point(CITY_HALL_5186)) < 1e-6
    assert city.study_area.area == pytest.approx(DEFAULT_SIZE_M**2)


def test_footprints_are_valid_polygons_inside_the_study_area(city):
    footprints = [building.footprint for building in city.buildings]
    assert all(footprint.geom_type == "Polygon" for footprint in footprints)
    assert all(footprint.is_valid for footprint in footprints)
    assert all(city.study_area.contains(footprint) for footprint in footprints)
    assert min(footprint.area for footprint in footprints) >= 35


def test_no_two_buildings_overlap_or_touch(city):
    footprints = [building.footprint for building in city.buildings]
    pairs = STRtree(footprints).query(footprints, predicate="intersects")
    assert (pairs[0] == pairs[1]).all(), "some footprints intersect another one"


def test_no_building_stands_on_a_street(city):
    tree = STRtree([building.footprint for building in city.buildings])
    on_streets = {int(i) for street in city.streets for i in tree.query(street.area, predicate="intersects")}
    assert on_streets == set()


def test_the_street_network_has_wide_arterials_and_narrow_local_streets(city):
    arterials = [street for street in city.streets if street.kind == "arterial"]
    local = [street for street in city.streets if street.kind == "local"]
    assert len(arterials) >= 3 and len(local) >= 20
    assert all(30 <= street.width <= 40 for street in arterials)
    assert all(8 <= street.width <= 12 for street in local)
    directions = {round(direction(street.centreline) % 90, 1) for street in local}
    assert len(directions) > len(local) // 2, "local streets should not all run on one perfect grid"


def test_blocks_lie_between_the_streets(city):
    streets = shapely.union_all([street.area for street in city.streets])
    assert all(block.intersection(streets).area < 1e-3 for block in city.blocks)


def test_the_height_mix_is_mostly_low_rise_with_a_few_towers(city):
    all_heights = heights(city)
    assert (all_heights < 20).mean() > 0.5
    assert (all_heights > 100).sum() >= 5
    assert all_heights.max() < 300
    assert all_heights.min() > 0


def test_heights_follow_floors_and_storey_heights(city):
    storeys = np.array([building.height / building.floors_above for building in city.buildings])
    assert storeys.min() >= 2.8 and storeys.max() <= 4.5
    low_rise_housing = [b for b in city.buildings if b.use == "residential" and b.floors_above <= 5]
    assert len(low_rise_housing) > len(city.buildings) / 2


def test_towers_are_named_and_stand_near_an_arterial(city):
    towers = [building for building in city.buildings if building.height > 100]
    assert all(tower.name.startswith("중구 타워 ") for tower in towers)
    assert len({tower.name for tower in towers}) == len(towers)
    arterials = shapely.union_all([street.area for street in city.streets if street.kind == "arterial"])
    assert all(tower.footprint.distance(arterials) < 30 for tower in towers)


def test_the_generator_and_the_kernels_import_no_django():
    code = (
        "import sys, digital_twin.demo_city, digital_twin.sim; print(any(m.startswith('django') for m in sys.modules))"
    )
    project = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
