"""Create, cancel and re-queue simulation runs: the write services the API, the pages and the command share.

Creating checks everything that can be checked before the worker starts —
the parameters (``parameters.resolve``), that the scenario belongs to the
study area, that there are buildings, that the grids fit the guards — and
queues the task once the row is committed. Cancelling a queued run (or one
whose worker is gone) ends it at once; a running one is asked to stop at its
next step. Re-queueing a failed, cancelled or stale run starts a new attempt:
the old attempt's files are removed and its worker, if it still lives, stops
at its next step.
"""

import shutil

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from mapping.errors import Conflict, InvalidInput

from ..models import SimulationKind, SimulationRun, SimulationStatus
from .checks import check_buildings, estimates
from .parameters import resolve
from .tasks import run_simulation


def prepare(kind, study_area, scenario, raw_parameters, today=None):
    """The resolved parameters of a request, once every up-front check has passed."""
    if kind not in SimulationKind.values:
        raise InvalidInput(_("Unknown kind of simulation “%(kind)s”.") % {"kind": kind})
    if scenario is not None and scenario.study_area_id != study_area.pk:
        raise InvalidInput(_("The scenario “%(scenario)s” is not over this study area.") % {"scenario": scenario.name})
    if kind == SimulationKind.COMPARISON and scenario is None:
        raise InvalidInput(_("A comparison needs a scenario to compare with the existing buildings."))
    parameters = resolve(kind, raw_parameters, today)
    estimates(kind, study_area, parameters)
    check_buildings(study_area, scenario)
    return parameters


def create_run(kind, study_area, scenario, raw_parameters, owner=None, enqueue=True):
    """A new queued run (its task queued on commit unless ``enqueue`` is False: the command runs it itself)."""
    parameters = prepare(kind, study_area, scenario, raw_parameters)
    run = SimulationRun.objects.create(
        kind=kind, study_area=study_area, scenario=scenario, parameters=parameters, owner=owner,
        scenario_version=scenario.version if scenario is not None else None,
        language=translation.get_language() or "ko",
    )  # fmt: skip
    if enqueue:
        queue(run)
    return run


def queue(run):
    run_id, attempt = run.pk, run.attempt
    transaction.on_commit(lambda: run_simulation.enqueue(run_id, attempt))


def cancel_run(run_id):
    with transaction.atomic():
        run = SimulationRun.objects.select_for_update().get(pk=run_id)
        if not run.can_cancel:
            raise Conflict(_("This run has already ended (%(status)s).") % {"status": run.get_status_display()})
        if run.status == SimulationStatus.QUEUED or run.is_stale():
            run.status, run.finished = SimulationStatus.CANCELLED, timezone.now()
        run.cancel_requested = True
        run.save(update_fields=["status", "finished", "cancel_requested"])
    return run


def requeue_run(run_id):
    with transaction.atomic():
        run = SimulationRun.objects.select_for_update().get(pk=run_id)
        if not run.can_requeue:
            raise Conflict(_("Only a failed, cancelled or stale run can be queued again."))
        old_folder = run.folder
        run.attempt += 1
        run.status, run.progress, run.stage, run.error, run.worker = SimulationStatus.QUEUED, 0.0, "", "", ""
        run.cancel_requested = False
        run.queued, run.started, run.heartbeat, run.finished = timezone.now(), None, None, None
        run.outputs, run.statistics = {}, {}
        run.save()
        transaction.on_commit(lambda: shutil.rmtree(old_folder, ignore_errors=True))
        queue(run)
    return run
