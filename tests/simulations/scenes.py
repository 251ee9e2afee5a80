"""A study area in the database for the simulation tests: housing blocks along a north–south avenue, and a
scenario that puts a tower into the avenue — closing the corridor a northerly blows down and shading the houses
to its north-east in the afternoon of the winter solstice.

Coordinates are EPSG:5186 metres relative to the corner of ``tests.sim.scenes`` (near Seoul City Hall).
"""

from django.contrib.gis.geos import GEOSGeometry, MultiPolygon, Polygon

from digital_twin.models import BUILDING_SRID, Building, BuildingUse, Scenario, ScenarioBuilding, StudyArea
from tests.sim.scenes import X0, Y0, block_grid, box

SIZE = 600.0
AVENUE = (300.0, 360.0)
HOUSE_HEIGHT = 15.0
TOWER = (300.0, 200.0, 360.0, 260.0)  # across the avenue, south of the middle
TOWER_HEIGHT = 80.0
NORTH_WIND = {"directions_deg": [0.0, 180.0], "frequency_pct": [70.0, 30.0], "speed_ms": [3.0, 2.0], "name": "N/S"}
WIND = {"cell_size": 20, "wind_rose": NORTH_WIND}
SUN = {"cell_size": 5, "margin_m": 100, "terrain": False}


def multipolygon(shape):
    return MultiPolygon(GEOSGeometry(shape.wkb_hex, srid=BUILDING_SRID), srid=BUILDING_SRID)


def area_polygon(x_min=0.0, y_min=0.0, x_max=SIZE, y_max=SIZE):
    polygon = Polygon.from_bbox((X0 + x_min, Y0 + y_min, X0 + x_max, Y0 + y_max))
    polygon.srid = BUILDING_SRID
    return polygon


def houses():
    """One residential building per block piece of ``tests.sim.scenes.block_grid`` over the study area."""
    return Building.objects.bulk_create(
        Building(footprint=multipolygon(shape), height=HOUSE_HEIGHT, floors_above=5, use=BuildingUse.RESIDENTIAL,
                 name=f"주택 {index}", source="test", source_id=f"h{index}")
        for index, shape in enumerate(block_grid(size=SIZE, avenue=AVENUE))
    )  # fmt: skip


def study_area(owner, name="대로변 주거지"):
    return StudyArea.objects.create(name=name, area=area_polygon(), owner=owner)


def tower_scenario(area, owner):
    """A scenario adding the tower across the avenue."""
    scenario = Scenario.objects.create(study_area=area, name="타워 안", owner=owner)
    ScenarioBuilding.objects.create(
        scenario=scenario, footprint=multipolygon(box(*TOWER)), height=TOWER_HEIGHT, floors_above=24,
        use=BuildingUse.OFFICE, name="신축 타워",
    )  # fmt: skip
    return scenario


def house_at(x, y):
    """The house whose footprint holds the point (x, y), relative to the scenes' corner."""
    point = GEOSGeometry(f"POINT({X0 + x} {Y0 + y})", srid=BUILDING_SRID)
    return Building.objects.get(footprint__contains=point)
