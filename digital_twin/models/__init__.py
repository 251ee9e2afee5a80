"""Models of the digital twin: the building stock, terrain, planning scenarios, import jobs and simulation runs."""

from .buildings import BUILDING_SRID, MAX_HEIGHT_M, Building, BuildingUse
from .imports import ImportJob, ImportKind, ImportStatus
from .scenarios import Scenario, ScenarioBuilding, ScenarioOverride, StudyArea
from .simulations import SimulationKind, SimulationRun, SimulationStatus
from .terrain import Terrain

__all__ = [
    "BUILDING_SRID",
    "MAX_HEIGHT_M",
    "Building",
    "BuildingUse",
    "ImportJob",
    "ImportKind",
    "ImportStatus",
    "Scenario",
    "ScenarioBuilding",
    "ScenarioOverride",
    "SimulationKind",
    "SimulationRun",
    "SimulationStatus",
    "StudyArea",
    "Terrain",
]
