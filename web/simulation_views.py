"""Pages of the planner simulations: the runs, launching one, and a run's progress and results over the 3D city.

Launching goes through the same service as the API
(``digital_twin.simulations.launch``), so a grid too large, a scenario
without buildings, a bad date or a wind rose that does not sum to 100 % are
refused with the same words, shown on the field at fault. The run page gets
its state from ``/api/v1/simulations/runs/{id}`` (polled by
``web/frontend/src/simulations/``) and reloads itself once the run has ended,
to show the numbers, the overlays on the map and the files.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_POST

from digital_twin.models import SimulationKind, SimulationRun, SimulationStatus, StudyArea
from digital_twin.scenarios.geometry import geojson_of
from digital_twin.simulations.labels import with_use_labels
from digital_twin.simulations.launch import cancel_run, create_run, requeue_run
from digital_twin.simulations.parameters import ParameterError, defaults_status, is_illustrative
from digital_twin.simulations.serialize import run_dict
from mapping.errors import ServiceError

from . import simulation_numbers as numbers
from .simulation_forms import SimulationForm
from .twin_views import planner_or_403, twin_style


@login_required
def simulation_list(request):
    planner_or_403(request)
    runs = SimulationRun.objects.select_related("study_area", "scenario", "owner")
    area = request.GET.get("study_area", "")
    if area.isdigit():
        runs = runs.filter(study_area_id=int(area))
    areas = StudyArea.objects.prefetch_related("scenarios").order_by("name")
    return render(request, "web/simulations/list.html", {"runs": runs[:100], "areas": areas})


@login_required
def simulation_new(request, area_id):
    planner_or_403(request)
    area = get_object_or_404(StudyArea, pk=area_id)
    initial = {"scenario": request.GET.get("scenario", "")}
    form = SimulationForm(request.POST or None, study_area=area, initial=initial)
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["scenario"]
        scenario = area.scenarios.filter(pk=int(chosen)).first() if chosen else None
        try:
            run = create_run(form.cleaned_data["kind"], area, scenario, form.parameters(), owner=request.user)
        except ParameterError as exc:
            form.add_error(form.field_for(exc.field), exc.message)
        except ServiceError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("simulation-run", run_id=run.pk)
    context = {"form": form, "area": area, "defaults_status": defaults_status()}
    return render(request, "web/simulations/new.html", context)


@login_required
def simulation_run(request, run_id):
    planner_or_403(request)
    run = get_object_or_404(SimulationRun.objects.select_related("study_area", "scenario", "owner"), pk=run_id)
    area = run.study_area
    context = {
        "run": run_dict(run),
        "api": reverse("api-v1:api-root"),
        "csrfToken": get_token(request),
        "style": twin_style(request),
        "extent": list(area.area.transform(4326, clone=True).extent),
        "area": geojson_of(area.area),
        "scenario": run.scenario_id,
        "language": get_language(),
    }
    page = {
        "run": run,
        "state": context["run"],
        "simulation_context": context,
        "can_manage": request.user.is_admin or run.owner_id == request.user.pk,
        "illustrative": illustrative(run),
        "defaults_status": defaults_status(),
        **results(run),
    }
    return render(request, "web/simulations/run.html", page)


def illustrative(run):
    """Whether the run used one of Seoul's illustrative default wind roses."""
    parameters = run.parameters.get("wind", run.parameters)
    rose = parameters.get("wind_rose")
    return rose is not None and is_illustrative(rose)


def results(run):
    """The numbers of a succeeded run, ready for the template (empty otherwise)."""
    if run.status != SimulationStatus.SUCCEEDED:
        return {}
    statistics = run.statistics
    if run.kind == SimulationKind.COMPARISON:
        summary = statistics["committee"]
        return {
            "committee": numbers.committee_rows(summary),
            "newly_failing": with_use_labels(summary.get("buildings_newly_failing_list", [])),
        }
    found = {}
    if "wind" in statistics:
        found["wind_rows"] = numbers.wind_rows(statistics["wind"])
        found["corridor_table"] = numbers.corridor_table(statistics["wind"])
    if "sun" in statistics:
        found["sun_rows"] = numbers.sun_rows(statistics["sun"])
        found["failing"] = with_use_labels(statistics["sun"].get("facades", {}).get("buildings_failing", []))
    return found


def managed_run(request, run_id):
    planner_or_403(request)
    run = get_object_or_404(SimulationRun, pk=run_id)
    if not (request.user.is_admin or run.owner_id == request.user.pk):
        raise PermissionDenied("Only the run's owner (or an admin) can cancel it or queue it again.")
    return run


def run_action(request, run_id, action):
    """Cancel or queue again (``action``) a run the user manages, then back to its page with any refusal."""
    run = managed_run(request, run_id)
    try:
        action(run.pk)
    except ServiceError as exc:
        messages.error(request, exc.message)
    return redirect("simulation-run", run_id=run.pk)


@login_required
@require_POST
def simulation_cancel(request, run_id):
    return run_action(request, run_id, cancel_run)


@login_required
@require_POST
def simulation_requeue(request, run_id):
    return run_action(request, run_id, requeue_run)
