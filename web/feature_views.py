"""A feature's own page (its own URL: what was reported, where, photos, status, timeline) and
"my reports", the list of what the signed-in resident reported with each report's status."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from layers.models import Feature, FeatureChange, FeatureStatus
from layers.permissions import can_edit_feature, can_view_feature

REPORTS_PER_PAGE = 30


def extra_field_rows(feature):
    """(label, value) of the layer's extra fields, in the layer's order, for the values that are set."""
    values = feature.properties or {}
    return [
        (definition.get("label", definition["key"]), values[definition["key"]])
        for definition in feature.layer.fields
        if values.get(definition["key"]) not in (None, "")
    ]


def feature_page(request, feature_id):
    feature = get_object_or_404(
        Feature.objects.select_related("layer__map", "category", "district").prefetch_related("photos"),
        pk=feature_id,
    )
    if not can_view_feature(request.user, feature):
        raise Http404("No such feature.")
    timeline = FeatureChange.objects.filter(feature_id=feature.pk).order_by("at", "pk")
    context = {
        "feature": feature,
        "map": feature.layer.map,
        "fields": extra_field_rows(feature),
        "timeline": timeline,
        "can_edit": can_edit_feature(request.user, feature),
        "page_url": request.build_absolute_uri(),
    }
    return render(request, "web/feature.html", context)


@login_required
def my_reports(request):
    status = request.GET.get("status", "")
    reports = (
        Feature.objects.filter(author=request.user).select_related("layer__map", "category").order_by("-created", "-pk")
    )
    if status in FeatureStatus.values:
        reports = reports.filter(status=status)
    page = Paginator(reports, REPORTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "web/my_reports.html", {"page": page, "status": status, "statuses": FeatureStatus.choices})
