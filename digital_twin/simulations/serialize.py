"""A run as JSON for the API and the pages: its state in words, and links to every file it produced.

Titles and stages are put into words in the reader's language when the run
is read (the files keep plain names). ``state`` is the status, or "stale"
for a running run whose worker stopped writing its heartbeat.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from .downloads import find
from .labels import title
from .progress import stage_label


def file_url(run, name, download=False):
    url = reverse("api-v1:simulation_file", args=[run.pk, name])
    return f"{url}?download=1" if download else url


def run_dict(run):
    outputs = run.outputs or {}
    scenario = run.scenario
    return {
        "id": run.pk,
        "kind": run.kind,
        "kind_label": str(run.get_kind_display()),
        "study_area": run.study_area_id,
        "scenario": run.scenario_id,
        "scenario_version": run.scenario_version,
        "scenario_changed": scenario is not None and scenario.version != run.scenario_version,
        "owner": run.owner.username if run.owner_id else None,
        "parameters": run.parameters,
        "status": run.status,
        "state": run.state,
        "status_label": state_label(run),
        "stale": run.is_stale(),
        "stage": run.stage,
        "stage_label": stage_label(run.stage),
        "progress": run.progress,
        "attempt": run.attempt,
        "error": run.error,
        "created": run.created,
        "queued": run.queued,
        "started": run.started,
        "heartbeat": run.heartbeat,
        "finished": run.finished,
        "can_cancel": run.can_cancel,
        "can_requeue": run.can_requeue,
        "files": [
            {
                **entry,
                "title": title(entry["layer"]) if entry["layer"] else entry["name"],
                "url": file_url(run, entry["name"], download=True),
            }
            for entry in outputs.get("files", ())
        ],  # fmt: skip
        "overlays": [
            {
                "layer": o["layer"],
                "title": title(o["layer"]),
                "image": file_url(run, o["image"]),
                "legend": file_url(run, o["legend"]),
                "corners": o["corners"],
            }
            for o in outputs.get("overlays", ())
        ],  # fmt: skip
        "report": file_url(run, outputs["report"]) if outputs.get("report") else None,
        "wind_rose": file_url(run, outputs["wind_rose"]) if outputs.get("wind_rose") else None,
        "statistics": file_url(run, "statistics.json") if find(outputs, "statistics.json") else None,
    }


def state_label(run):
    if run.is_stale():
        return _("stale: its worker stopped answering")
    return str(run.get_status_display())
