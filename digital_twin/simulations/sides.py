"""One side of a question: the analyses of one building set (the base city or a scenario) over a study area.

A single run is one side; a comparison is two, the base city and the
scenario, computed with the same parameters on the same grids. The buildings
are read once, over the largest grid any analysis needs (the sunlight grid
with its shadow margin); each kernel keeps what lies on its own grid.
"""

from dataclasses import dataclass

from ..models import SimulationKind
from .buildings import city_buildings
from .layout import inside, layout
from .sun import compute_sun
from .wind import compute_wind


@dataclass(frozen=True)
class Side:
    city: object  # buildings.CityBuildings
    wind: object | None  # wind.WindOutcome
    wind_inside: object | None  # cells of the wind grid inside the study area
    sun: object | None  # sun.SunOutcome


def analyses_of(kind, parameters):
    """{"wind": (parameters, with corridors), "sun": parameters} for the analyses a run of ``kind`` holds."""
    if kind == SimulationKind.MORPHOMETRY:
        return {"wind": (parameters, False)}
    if kind == SimulationKind.CORRIDORS:
        return {"wind": (parameters, True)}
    if kind == SimulationKind.SUNLIGHT:
        return {"sun": parameters}
    found = {}
    if "wind" in parameters:
        found["wind"] = (parameters["wind"], True)
    if "sun" in parameters:
        found["sun"] = parameters["sun"]
    return found


def compute_side(study_area, scenario, analyses, reporter):
    """The analyses (``analyses_of``) of the scenario (None: the base city) over ``study_area``."""
    extent, polygon = study_area.area.extent, study_area.area.wkb
    wind_grids = sun_grids = None
    if "wind" in analyses:
        wind_grids = layout(extent, analyses["wind"][0]["cell_size"])
    if "sun" in analyses:
        sun_grids = layout(extent, analyses["sun"]["cell_size"], analyses["sun"]["margin_m"])
    boxes = [g.compute.bounds for g in (wind_grids, sun_grids) if g is not None]
    bounds = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
    reporter.step("buildings", 0.0)
    city = city_buildings(study_area, scenario, bounds)
    wind = wind_inside = sun = None
    split = 0.05 + (0.45 if sun_grids is not None and wind_grids is not None else 0.95)
    if wind_grids is not None:
        parameters, with_corridors = analyses["wind"]
        wind = compute_wind(city, wind_grids.output, parameters, reporter.part(0.05, split), with_corridors)
        wind_inside = inside(wind_grids.output, polygon)
    if sun_grids is not None:
        start = split if wind_grids is not None else 0.05
        sun_inside = inside(sun_grids.output, polygon)
        sun = compute_sun(city, sun_grids, sun_inside, analyses["sun"], reporter.part(start, 1.0))
    return Side(city, wind, wind_inside, sun)
