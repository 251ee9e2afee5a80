"""What a scenario (or the base stock) holds inside its study area, read with one SQL query.

``sql/scenario_state.sql`` applies the scenario's overrides and added
buildings over the base buildings of the area; metrics and exports read it.
"""

from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from django.contrib.gis.geos import GEOSGeometry
from django.db import connection

from ..readers.limits import DEFAULT_STOREY_HEIGHT_M

COLUMNS = (
    "key", "building_id", "added_id", "footprint", "height", "floors_above", "floors_below", "use", "name",
    "ground_height", "status", "source", "source_id", "height_estimated", "floor_area",
)  # fmt: skip


@cache
def state_sql():
    return files("digital_twin").joinpath("sql", "scenario_state.sql").read_text(encoding="utf-8")


@dataclass(frozen=True)
class StateBuilding:
    key: str
    building_id: int | None
    added_id: int | None
    footprint: GEOSGeometry
    height: float
    floors_above: int
    floors_below: int
    use: str
    name: str
    ground_height: float | None
    status: str
    source: str
    source_id: str
    height_estimated: bool
    floor_area: float


def state_params(study_area, scenario=None):
    return {
        "area_id": study_area.pk,
        "scenario_id": scenario.pk if scenario else None,
        "storey": DEFAULT_STOREY_HEIGHT_M,
    }


def metrics(study_area, scenario=None):
    """Building count, floor area (m²), maximum and mean height (m) of the scenario (or the base) in its area."""
    totals = "count(*), COALESCE(sum(floor_area), 0), COALESCE(max(height), 0), COALESCE(avg(height), 0)"
    sql = f"SELECT {totals} FROM ({state_sql()}) AS state"  # noqa: S608 - the query is a file of the app
    with connection.cursor() as cursor:
        cursor.execute(sql, state_params(study_area, scenario))
        count, floor_area, max_height, mean_height = cursor.fetchone()
    return {
        "buildings": count,
        "floor_area": round(float(floor_area), 1),
        "max_height": round(float(max_height), 2),
        "mean_height": round(float(mean_height), 2),
    }


def buildings(study_area, scenario=None):
    """Every building of the state, footprints as GEOS multipolygons in EPSG:5186, base ones first."""
    sql = f"SELECT * FROM ({state_sql()}) AS state ORDER BY added_id NULLS FIRST, building_id"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, state_params(study_area, scenario))
        for row in cursor:
            values = dict(zip(COLUMNS, row, strict=True))
            values["footprint"] = GEOSGeometry(values["footprint"])
            yield StateBuilding(**values)
