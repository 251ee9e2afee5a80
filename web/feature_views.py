"""A feature's own page (its own URL: what was reported, where it stands, the district's answer,
its timeline, photos, 공감, and the officials' panel) and "my reports", the list of what the
signed-in resident reported with each report's status and stage."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from layers.models import CLOSED_STAGES, OPEN_STAGES, Feature, FeatureStatus, Stage
from layers.permissions import can_edit_feature, can_view_feature
from layers.timeline import timeline_events

from .comment_views import comment_section
from .review_panel import review_panel

REPORTS_PER_PAGE = 30


def extra_field_rows(feature):
    """(label, value) of the layer's extra fields, in the layer's order, for the values that are set."""
    values = feature.properties or {}
    return [
        (definition.get("label", definition["key"]), values[definition["key"]])
        for definition in feature.layer.fields
        if values.get(definition["key"]) not in (None, "")
    ]


def viewable_feature_or_404(request, feature_id):
    feature = (
        Feature.objects.select_related("layer__map", "category", "district", "department", "merged_into")
        .prefetch_related("photos")
        .filter(pk=feature_id)
        .first()
    )
    if feature is None or not can_view_feature(request.user, feature):
        raise Http404("No such feature.")
    return feature


def answer_countdown(feature, now=None):
    """Days left for the official answer a 공감 threshold made due (negative when overdue), or None."""
    if feature.answer_due is None or feature.answered_at is not None:
        return None
    return (timezone.localdate(feature.answer_due) - timezone.localdate(now)).days


def stage_path(feature):
    """The stages shown as steps: the open ones, then how it ended (or "resolved" while open)."""
    end = feature.stage if feature.stage in CLOSED_STAGES else Stage.RESOLVED
    return [(stage, Stage(stage).label) for stage in (*OPEN_STAGES, end)]


def feature_page_context(request, feature, *, bound=None, error=""):
    user = request.user
    return {
        "feature": feature,
        "map": feature.layer.map,
        "fields": extra_field_rows(feature),
        "timeline": timeline_events(feature, user),
        "stages": stage_path(feature),
        "days_to_answer": answer_countdown(feature),
        "voted": user.is_authenticated and feature.votes.filter(user=user).exists(),
        "may_vote": user.is_authenticated
        and feature.author_id != user.pk
        and feature.status == FeatureStatus.PUBLISHED,
        "can_edit": can_edit_feature(user, feature),
        "review": review_panel(user, feature, bound),
        "comments": comment_section(request, feature),
        "error": error,
        "page_url": request.build_absolute_uri(f"/features/{feature.pk}/"),
    }


def feature_page(request, feature_id):
    feature = viewable_feature_or_404(request, feature_id)
    survivor = feature.merged_into
    if feature.status == FeatureStatus.MERGED and survivor and can_view_feature(request.user, survivor):
        return redirect("feature-page", survivor.pk, permanent=True)
    return render(request, "web/feature.html", feature_page_context(request, feature))


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
