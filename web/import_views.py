"""The import pages: upload a file into a layer, preview how it will be read and mapped, confirm, follow progress.

Only the map's owner, its editors and admins import. The upload is refused
with 413 above ``IMPORT_MAX_UPLOAD_BYTES`` before it is read. The preview is
a dry run (``imports.importing.prepare``) done again on each view, so every
change of encoding, coordinate system or mapping shows its effect; confirming
queues the import for the worker, and the job page shows its progress.
"""

import json

import numpy as np
import shapely
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from imports.detection import describe
from imports.importing import ImportFailed, prepare, presets
from imports.jobs import confirm_job, create_job
from imports.models import ImportJob, JobState
from imports.presets import PresetError
from layers.models import Layer

from .import_forms import MappingForm, ReadingForm, UploadForm
from .upload_limit import limit_upload

SAMPLE_FEATURES = 300


def managed_layer(request, layer_id):
    layer = get_object_or_404(Layer.objects.select_related("map"), pk=layer_id)
    if not layer.map.is_visible_to(request.user):
        raise Http404("No such layer.")
    if not layer.map.is_managed_by(request.user):
        raise PermissionDenied("Only the map's owner and editors import into its layers.")
    return layer


def own_job(request, job_id):
    job = get_object_or_404(ImportJob.objects.select_related("layer__map"), pk=job_id)
    if job.user_id != request.user.pk and not request.user.is_admin:
        raise Http404("No such import.")
    return job


@limit_upload(lambda: settings.IMPORT_MAX_UPLOAD_BYTES)
@login_required
def upload(request, layer_id):
    layer = managed_layer(request, layer_id)
    try:
        found = presets().values()
    except PresetError as exc:
        found, problem = (), str(exc)
    else:
        problem = ""
    form = UploadForm(request.POST or None, request.FILES or None, presets=found)
    if request.method == "POST" and form.is_valid():
        job = create_job(layer, request.user, form.cleaned_data["file"], form.options())
        return redirect("import-job", job_id=job.pk)
    context = {"layer": layer, "form": form, "problem": problem, "limit": settings.IMPORT_MAX_UPLOAD_BYTES}
    return render(request, "web/imports/upload.html", context)


@login_required
def job_page(request, job_id):
    job = own_job(request, job_id)
    if job.state != JobState.PREVIEW:
        return render(request, "web/imports/job.html", job_context(job))
    action = request.POST.get("action") if request.method == "POST" else None
    reading = ReadingForm(request.POST if action == "reread" else None, prefix="read", initial=_reading_initial(job))
    if action == "reread" and reading.is_valid():
        job.options = {**job.options, **reading.options(), "mapping": None}
        job.save(update_fields=["options"])
        return redirect("import-job", job_id=job.pk)
    try:
        prepared = prepare(job.file.path, job.layer, job.options)
    except ImportFailed as exc:
        return render(request, "web/imports/preview.html", {"job": job, "reading": reading, "failure": exc.message})
    mapping_form = _mapping_form(request, job, prepared, action)
    if action in ("preview", "confirm") and mapping_form.is_valid():
        options = {**job.options, "mapping": mapping_form.mapping(), "strict": mapping_form.cleaned_data["strict"]}
        if action == "confirm" and request.POST.get("previewed_category", "") == (options["mapping"]["category"] or ""):
            confirm_job(job, options)
        else:
            job.options = options
            job.save(update_fields=["options"])
        return redirect("import-job", job_id=job.pk)
    context = {"job": job, "reading": reading, "mapping_form": mapping_form, **preview_context(job, prepared)}
    return render(request, "web/imports/preview.html", context)


def _reading_initial(job):
    options = job.options
    return {
        "encoding": options.get("encoding") or "",
        "srid": options.get("srid") or "",
        "source_layer": options.get("layer") or "",
    }


def _mapping_form(request, job, prepared, action):
    categories = [(category.key, category.label_ko) for category in prepared.spec.categories]
    return MappingForm(
        request.POST if action in ("preview", "confirm") else None,
        columns=list(prepared.data.columns),
        categories=categories,
        fields=list(prepared.spec.fields),
        mapping=prepared.mapping,
        initial={"strict": bool(job.options.get("strict"))},
    )


def preview_context(job, prepared):
    data, plan = prepared.data, prepared.plan
    return {
        "prepared": prepared,
        "crs_name": describe(data.crs.srid),
        "candidates": [describe(srid) for srid in data.crs.candidates if srid != data.crs.srid],
        "skipped": plan.reasons(plan.skipped),
        "repaired": plan.reasons(plan.repaired),
        "sample": [
            {"title": title, "category": category, "where": data.where(index)}
            for index, title, category in list(zip(plan.indices, plan.titles, plan.categories, strict=True))[:10]
        ],
        "preview_data": {
            "styleUrl": reverse("map-style", kwargs={"map_id": job.layer.map_id}),
            "features": sample_collection(prepared, dict(job.layer.categories.values_list("key", "color"))),
            "bounds": _bounds(plan.geometries),
        },
    }


def sample_collection(prepared, colours):
    """The first features to be imported as GeoJSON, each with its category's colour (``colours``: key → #rrggbb)."""
    plan = prepared.plan
    geometries = shapely.to_geojson(np.asarray(plan.geometries[:SAMPLE_FEATURES], dtype=object)) if plan.count else []
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": json.loads(geometry),
                "properties": {"title": title, "category": category, "color": colours.get(category, "#3366cc")},
            }
            for geometry, title, category in zip(geometries, plan.titles, plan.categories, strict=False)
        ],
    }


def _bounds(geometries):
    if not geometries:
        return None
    return [float(value) for value in shapely.total_bounds(np.asarray(geometries, dtype=object))]


def job_context(job):
    return {
        "job": job,
        "status_url": reverse("api-v1:import-job", args=[job.pk]),
        "map_url": reverse("map-view", args=[job.layer.map_id]),
    }
