"""One attempt of a run, from claim to result, in the worker (or in-process for ``manage.py simulate``).

1. Claim: the row goes from queued to running only if it is still queued at
   this attempt (a run cancelled or re-queued in the meantime is left alone).
2. Compute and write the files into the attempt's own folder, reporting
   progress between the kernel calls (``progress.Reporter``), while a
   companion process keeps the heartbeat going during long kernel calls
   (``heartbeat``).
3. Finish: succeeded with the outputs and statistics; cancelled at a step
   after a planner asked; failed with a message for bad input (in the
   planner's language) or for an unexpected error (then raised again, so the
   worker logs it). Only a finished attempt keeps files; and a worker that
   finds its attempt superseded writes nothing more.

Kernels run one at a time per process (a lock), since numba's threading
layer is not safe for parallel calls from several threads (a threaded
server with the immediate task backend); give each worker process its own
``NUMBA_NUM_THREADS``.
"""

import logging
import os
import shutil
import socket
import threading

from django.conf import settings
from django.db import connection
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..models import SimulationRun, SimulationStatus
from ..sim.errors import EmptyBuildings, GridTooLarge, SimulationInputError
from .checks import too_large_message
from .heartbeat import Heartbeat
from .outputs import Outputs
from .progress import Cancelled, Reporter, Superseded
from .results import produce

KERNELS = threading.Lock()
BEATS_PER_THRESHOLD = 5  # heartbeats written within one stale threshold
logger = logging.getLogger(__name__)


def execute(run_id, attempt, listener=None):
    """Run attempt ``attempt`` of run ``run_id``; returns its final status (None when it was not this attempt's
    to run). ``listener(stage, percent)`` hears every step (the command's progress bar)."""
    if not claim(run_id, attempt):
        return None
    run = SimulationRun.objects.select_related("study_area", "scenario").get(pk=run_id)
    folder = run.folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    outputs = Outputs(folder)
    interval = max(settings.SIMULATION_STALE_SECONDS / BEATS_PER_THRESHOLD, 1.0)
    heartbeat = Heartbeat(connection.get_connection_params(), run_id, attempt, interval)
    try:
        with translation.override(run.language), KERNELS:
            statistics = produce(run, Reporter(run_id, attempt, listener), outputs)
    except Cancelled:
        return finish(run, SimulationStatus.CANCELLED)
    except Superseded:
        shutil.rmtree(folder, ignore_errors=True)
        return None
    except SimulationInputError as exc:
        with translation.override(run.language):
            return finish(run, SimulationStatus.FAILED, error=input_message(exc))
    except Exception as exc:
        with translation.override(run.language):
            message = _("The simulation failed unexpectedly (%(error)s).") % {"error": type(exc).__name__}
        finish(run, SimulationStatus.FAILED, error=message)
        raise
    finally:
        heartbeat.stop()
    return finish(run, SimulationStatus.SUCCEEDED, outputs=outputs.as_dict(), statistics=statistics)


def claim(run_id, attempt):
    now = timezone.now()
    return SimulationRun.objects.filter(pk=run_id, attempt=attempt, status=SimulationStatus.QUEUED).update(
        status=SimulationStatus.RUNNING, started=now, heartbeat=now, progress=0.0, stage="",
        worker=f"{socket.gethostname()}:{os.getpid()}",
    )  # fmt: skip


def finish(run, status, error="", outputs=None, statistics=None):
    """Record the attempt's end, unless the row has moved on to another attempt meanwhile."""
    now = timezone.now()
    values = {"status": status, "finished": now, "heartbeat": now, "error": error}
    if status == SimulationStatus.SUCCEEDED:
        values.update(progress=100.0, stage="done", outputs=outputs, statistics=statistics)
    current = SimulationRun.objects.filter(pk=run.pk, attempt=run.attempt, status=SimulationStatus.RUNNING)
    if not current.update(**values) or status != SimulationStatus.SUCCEEDED:
        shutil.rmtree(run.folder, ignore_errors=True)
    logger.info("simulation run %s attempt %s: %s %s", run.pk, run.attempt, status, error)
    return status


def input_message(exc):
    """A kernel's refusal in the planner's words."""
    if isinstance(exc, GridTooLarge):
        return too_large_message(exc)
    if isinstance(exc, EmptyBuildings):
        return _("No building lies on the simulation's grid: there is nothing to simulate.")
    return _("The simulation could not be computed as asked: %(reason)s") % {"reason": exc}
