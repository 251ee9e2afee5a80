"""Request and response bodies of ``/api/v1/simulations/``."""

from datetime import datetime

from ninja import Schema
from pydantic import Field


class RunIn(Schema):
    kind: str = Field(description="morphometry, corridors, sunlight or comparison")
    study_area: int
    scenario: int | None = Field(default=None, description="Empty for the existing buildings (the base city).")
    parameters: dict = Field(default_factory=dict, description="See the README's Simulations section.")


class FileOut(Schema):
    name: str
    format: str
    layer: str
    title: str
    bytes: int
    url: str


class OverlayOut(Schema):
    layer: str
    title: str
    image: str
    legend: str
    corners: list[list[float]] = Field(description="lon/lat of the top-left, top-right, bottom-right, bottom-left")


class RunOut(Schema):
    id: int
    kind: str
    kind_label: str
    study_area: int
    scenario: int | None
    scenario_version: int | None
    scenario_changed: bool
    owner: str | None
    parameters: dict
    status: str
    state: str = Field(description="The status, or 'stale' for a running run whose worker stopped answering.")
    status_label: str
    stale: bool
    stage: str
    stage_label: str
    progress: float
    attempt: int
    error: str
    created: datetime
    queued: datetime
    started: datetime | None
    heartbeat: datetime | None
    finished: datetime | None
    can_cancel: bool
    can_requeue: bool
    files: list[FileOut]
    overlays: list[OverlayOut]
    report: str | None
    wind_rose: str | None
    statistics: str | None


class RunFilters(Schema):
    study_area: int | None = None
    scenario: int | None = None
    base: bool | None = Field(default=None, description="true: only runs of the existing buildings")
    kind: str | None = None


class ParameterErrorOut(Schema):
    detail: str
    field: str | None = None


class EstimateOut(Schema):
    analysis: str
    cell_size: float
    rows: int
    columns: int
    cells: int
    bytes: int
