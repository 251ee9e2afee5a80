"""Request and response bodies of the digital twin API."""

from datetime import datetime

from ninja import Schema
from pydantic import Field

from ..models import BuildingUse

Use = BuildingUse  # the enum's values: residential, commercial, office, mixed, public, industrial, other


class BuildingOut(Schema):
    id: int
    name: str
    height: float
    height_estimated: bool
    floors_above: int
    floors_below: int
    use: str
    ground_height: float | None
    source: str
    source_id: str
    footprint_area: float


class StudyAreaIn(Schema):
    name: str = Field(min_length=1, max_length=200)
    description: str = ""
    area: dict = Field(description="GeoJSON Polygon in lon/lat (EPSG:4326)")


class StudyAreaPatch(Schema):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    description: str | None = None
    area: dict | None = None


class StudyAreaOut(Schema):
    id: int
    name: str
    description: str
    area: dict
    owner: str
    version: int
    created: datetime
    updated: datetime


class ScenarioIn(Schema):
    study_area: int
    name: str = Field(min_length=1, max_length=200)
    description: str = ""


class ScenarioPatch(Schema):
    name: str | None = Field(default=None, min_length=1, max_length=200)
    description: str | None = None


class ScenarioCopy(Schema):
    name: str | None = Field(default=None, max_length=200)


class ScenarioOut(Schema):
    id: int
    study_area: int
    name: str
    description: str
    owner: str
    copied_from: int | None
    version: int
    added: int
    changed: int
    removed: int
    created: datetime
    updated: datetime


class AddedIn(Schema):
    footprint: dict = Field(description="GeoJSON Polygon in lon/lat (EPSG:4326)")
    height: float | None = Field(default=None, description="metres; or give floors_above")
    floors_above: int | None = None
    floors_below: int = Field(default=0, ge=0, le=300)
    use: Use = BuildingUse.OTHER
    name: str = Field(default="", max_length=200)


class AddedPatch(Schema):
    height: float | None = None
    floors_above: int | None = None
    use: Use | None = None
    name: str | None = Field(default=None, max_length=200)


class OverrideIn(Schema):
    removed: bool = False
    height: float | None = None
    floors_above: int | None = None


class Metrics(Schema):
    buildings: int
    floor_area: float
    max_height: float
    mean_height: float


class Comparison(Schema):
    study_area: int
    first: str
    second: str
    first_metrics: Metrics
    second_metrics: Metrics
    difference: Metrics


class ImportOut(Schema):
    id: int
    kind: str
    original_name: str
    status: str
    stage: str
    done: int
    total: int | None
    message: str
    result: dict
    created: datetime
    finished: datetime | None
