"""``/api/v1/simulations/``: launch runs, follow and cancel them, re-queue stale ones, read and download results.

Planners and admins only, as the rest of the twin's planning API. Creating a
run checks everything up front and answers 400 with ``{"detail", "field"}``
(the parameter at fault) for a grid too large, a scenario without buildings, a
date outside the calendar or a wind rose that does not sum to 100 %; the run
is then queued for the worker (202). Cancelling or re-queueing is for the
run's owner or an admin; a run that has ended cannot be cancelled and only a
failed, cancelled or stale one can be queued again (409).
"""

from django.http import FileResponse
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Status
from ninja.errors import HttpError

from ..api.access import require_planner
from ..models import Scenario, SimulationKind, SimulationRun, SimulationStatus, StudyArea
from ..sim.windrose import seoul_seasons, seoul_wind_rose
from .checks import estimates
from .downloads import CONTENT_TYPES, find
from .launch import cancel_run, create_run, prepare, requeue_run
from .parameters import ParameterError, defaults_status, wind_rose_parameters
from .schemas import EstimateOut, ParameterErrorOut, RunFilters, RunIn, RunOut
from .serialize import run_dict

router = Router(tags=["simulations"])


def request_subjects(payload):
    area = get_object_or_404(StudyArea, pk=payload.study_area)
    scenario = get_object_or_404(Scenario, pk=payload.scenario) if payload.scenario is not None else None
    return area, scenario


def readable_run(run_id):
    return get_object_or_404(SimulationRun.objects.select_related("owner", "scenario"), pk=run_id)


def own_run(request, run_id):
    user = require_planner(request)
    run = readable_run(run_id)
    if not (user.is_admin or run.owner_id == user.pk):
        raise HttpError(403, "Only the run's owner (or an admin) can cancel it or queue it again.")
    return run


@router.post("/runs", response={202: RunOut, 400: ParameterErrorOut}, summary="Launch a simulation run")
def launch(request, payload: RunIn):
    user = require_planner(request)
    area, scenario = request_subjects(payload)
    try:
        run = create_run(payload.kind, area, scenario, payload.parameters, owner=user)
    except ParameterError as exc:
        return Status(400, {"detail": exc.message, "field": exc.field})
    return Status(202, run_dict(readable_run(run.pk)))


@router.post("/estimate", response={200: list[EstimateOut], 400: ParameterErrorOut}, summary="Estimate a run's size")
def estimate(request, payload: RunIn):
    require_planner(request)
    area, scenario = request_subjects(payload)
    try:
        parameters = prepare(payload.kind, area, scenario, payload.parameters)
    except ParameterError as exc:
        return Status(400, {"detail": exc.message, "field": exc.field})
    return [
        {"analysis": e.kind, "cell_size": e.cell_size, "rows": e.shape[0], "columns": e.shape[1], "cells": e.cells,
         "bytes": e.bytes}
        for e in estimates(payload.kind, area, parameters)
    ]  # fmt: skip


@router.get("/runs", response=list[RunOut], summary="List the runs of a study area or a scenario")
def list_runs(request, filters: Query[RunFilters]):
    require_planner(request)
    runs = SimulationRun.objects.select_related("owner", "scenario")
    if filters.study_area is not None:
        runs = runs.filter(study_area_id=filters.study_area)
    if filters.scenario is not None:
        runs = runs.filter(scenario_id=filters.scenario)
    if filters.base:
        runs = runs.filter(scenario__isnull=True)
    if filters.kind:
        runs = runs.filter(kind=filters.kind)
    return [run_dict(run) for run in runs[:200]]


@router.get("/runs/{int:run_id}", response=RunOut, summary="Read a run's state, progress and result files")
def read_run(request, run_id: int):
    require_planner(request)
    return run_dict(readable_run(run_id))


@router.post("/runs/{int:run_id}/cancel", response=RunOut, summary="Cancel a queued or running run")
def cancel(request, run_id: int):
    own_run(request, run_id)
    return run_dict(readable_run(cancel_run(run_id).pk))


@router.post("/runs/{int:run_id}/requeue", response={202: RunOut}, summary="Queue a failed or stale run again")
def requeue(request, run_id: int):
    own_run(request, run_id)
    return Status(202, run_dict(readable_run(requeue_run(run_id).pk)))


@router.get("/runs/{int:run_id}/files/{name}", url_name="simulation_file", summary="Download a result file")
def download(request, run_id: int, name: str):
    require_planner(request)
    run = readable_run(run_id)
    entry = find(run.outputs or {}, name) if run.status == SimulationStatus.SUCCEEDED else None
    if entry is None or not (run.folder / name).is_file():
        raise HttpError(404, "This run has no such result file.")
    attachment = request.GET.get("download") == "1"
    filename = f"simulation-{run.pk}-{name}"
    handle = open(run.folder / name, "rb")  # noqa: SIM115 - FileResponse closes it
    return FileResponse(handle, content_type=CONTENT_TYPES[entry["format"]], as_attachment=attachment,
                        filename=filename)  # fmt: skip


def finished_run(request, run_id, kind=None):
    """A succeeded run (of ``kind`` when given): 404 for another kind, 409 while it has no results."""
    require_planner(request)
    run = readable_run(run_id)
    if kind is not None and run.kind != kind:
        raise HttpError(404, "This run is not a comparison.")
    if run.status != SimulationStatus.SUCCEEDED:
        raise HttpError(409, "The run has no results yet.")
    return run


@router.get("/runs/{int:run_id}/statistics", summary="A run's statistics (JSON)")
def statistics(request, run_id: int):
    return finished_run(request, run_id).statistics


@router.get("/runs/{int:run_id}/comparison", summary="The committee's summary of a comparison")
def comparison(request, run_id: int):
    run = finished_run(request, run_id, SimulationKind.COMPARISON)
    return {"summary": run.statistics["committee"], "warnings": run.statistics.get("warnings", [])}


@router.get("/runs/{int:run_id}/report", summary="The one-page report of a comparison (HTML, printable to PDF)")
def report(request, run_id: int):
    run = finished_run(request, run_id, SimulationKind.COMPARISON)
    return download(request, run_id, run.outputs["report"])


@router.get("/wind-roses", summary="Seoul's seasonal default wind roses (illustrative: see the warning)")
def wind_roses(request):
    require_planner(request)
    return {
        "warning": defaults_status(),
        "illustrative": True,
        "seasons": {season: wind_rose_parameters({"season": season}) for season in seoul_seasons()},
        "prevailing": {season: seoul_wind_rose(season).prevailing for season in seoul_seasons()},
    }
