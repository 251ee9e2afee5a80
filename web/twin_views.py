"""Pages of the digital twin for planners: scenarios, the 3D view with its editor, and building imports.

The pages are thin: what they show comes from ``/api/v1/twin/`` (the 3D view
and the import page are driven by ``web/frontend/src/twin/``); the server
gives them their context as JSON (``json_script``) and the MapLibre style,
made from the app's own building and district tiles.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language

from digital_twin.models import ImportJob, Scenario, StudyArea
from digital_twin.scenarios.geometry import geojson_of
from tiles.style import BUILDINGS_3D, basemap_layers, basemap_sources

from .forms_twin import ScenarioForm

CITY_HALL_LONLAT = (126.978, 37.5665)


def planner_or_403(request):
    if not (request.user.is_planner or request.user.is_admin):
        raise PermissionDenied("Only planners can use the digital twin.")


def twin_style(request):
    """The basemap with the buildings raised by their height (the flat copy left out)."""
    layers = []
    for layer in basemap_layers():
        if layer["id"] == "buildings":
            continue
        if layer["id"] == BUILDINGS_3D:
            layer = {**layer, "layout": {"visibility": "visible"}}
        layers.append(layer)
    return {"version": 8, "sources": basemap_sources(request), "layers": layers}


@login_required
def scenario_list(request):
    planner_or_403(request)
    form = ScenarioForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        scenario = Scenario.objects.create(owner=request.user, **form.cleaned_data)
        return redirect("twin-scenario", scenario_id=scenario.pk)
    scenarios = Scenario.objects.select_related("study_area", "owner")
    context = {
        "style": twin_style(request),
        "centre": list(CITY_HALL_LONLAT),
        "api": reverse("api-v1:api-root"),
        "csrfToken": get_token(request),
        "scenarioUrl": reverse("twin-scenario", args=[0]),
    }
    page = {"scenarios": scenarios, "form": form, "areas": StudyArea.objects.exists(), "twin_context": context}
    return render(request, "web/twin/scenarios.html", page)


@login_required
def scenario_view(request, scenario_id):
    planner_or_403(request)
    scenario = get_object_or_404(Scenario.objects.select_related("study_area", "owner"), pk=scenario_id)
    area = scenario.study_area
    context = {
        "scenario": {"id": scenario.pk, "name": scenario.name, "studyArea": area.pk},
        "area": geojson_of(area.area),
        "extent": list(area.area.transform(4326, clone=True).extent),
        "style": twin_style(request),
        "canEdit": request.user.is_admin or scenario.owner_id == request.user.pk,
        "api": reverse("api-v1:api-root"),
        "csrfToken": get_token(request),
        "language": get_language(),
    }
    others = Scenario.objects.filter(study_area=area).exclude(pk=scenario.pk)
    return render(request, "web/twin/scenario.html", {"scenario": scenario, "twin_context": context, "others": others})


@login_required
def imports_page(request):
    planner_or_403(request)
    jobs = ImportJob.objects.filter(owner=request.user)[:20]
    context = {"api": reverse("api-v1:api-root"), "csrfToken": get_token(request)}
    return render(request, "web/twin/imports.html", {"jobs": jobs, "twin_context": context})
