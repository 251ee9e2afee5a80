"""The steps officials take on a report's page: each form posts here with the version it showed.

A refused step (someone changed the report meanwhile, a missing answer, a
department of another district …) shows the page again with the message and
the form as it was typed, with the HTTP status of the refusal; nothing is lost.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from layers.models import Feature
from layers.services import merging, moderation, triage, workflow
from mapping.errors import InvalidInput, ServiceError
from mapping.models import Department

from .feature_views import feature_page_context, viewable_feature_or_404
from .review_forms import MergeForm, ReferralForm, RejectForm, StageForm


def _departments(feature):
    return Department.objects.filter(district_id=feature.district_id)


def _valid(form, key, bound):
    bound[key] = form
    if not form.is_valid():
        raise InvalidInput(_("Check the form: some fields are missing or wrong."))
    return form.cleaned_data


def _run(request, feature, action, version, bound):
    user, data = request.user, request.POST
    if action == "approve":
        return moderation.approve(user, feature.pk, expected_version=version)
    if action == "restore":
        return moderation.restore(user, feature.pk, expected_version=version)
    if action in ("reject", "hide"):
        cleaned = _valid(RejectForm(data, prefix="reject"), "reject", bound)
        step = moderation.reject if action == "reject" else moderation.hide
        return step(
            user,
            feature.pk,
            expected_version=version,
            rule=cleaned["rule"].code,
            public_reason=cleaned["public_reason"],
        )
    if action == "stage":
        stages = workflow.allowed_next_stages(user, feature)
        form = StageForm(data, prefix="stage", stages=stages, departments=_departments(feature))
        cleaned = _valid(form, "stage", bound)
        return workflow.change_stage(
            user,
            feature.pk,
            cleaned["to"],
            expected_version=version,
            department=cleaned["department"],
            due_date=cleaned["due_date"],
            answer=cleaned["answer"],
            note=cleaned["note"],
        )
    if action == "refer":
        cleaned = _valid(ReferralForm(data, prefix="refer", departments=_departments(feature)), "refer", bound)
        referral = triage.refer(
            user,
            feature.pk,
            cleaned["kind"],
            expected_version=version,
            note=cleaned["note"],
            department=cleaned["department"],
            page_url=request.build_absolute_uri(f"/features/{feature.pk}/"),
        )
        return referral.feature
    if action == "merge":
        cleaned = _valid(MergeForm(data, prefix="merge"), "merge", bound)
        return merging.merge(user, feature.pk, cleaned["other"], expected_version=version)
    raise InvalidInput(_("Unknown step."))


@login_required
@require_POST
def feature_step(request, feature_id):
    feature = viewable_feature_or_404(request, feature_id)
    bound = {}
    try:
        version = int(request.POST.get("version", ""))
        result = _run(request, feature, request.POST.get("action", ""), version, bound)
    except ValueError:
        return _refused(request, feature, bound, _("The page is out of date: reload it."), 400)
    except Feature.DoesNotExist:
        raise Http404("No such report.") from None
    except ServiceError as exc:
        return _refused(request, feature, bound, exc.message, exc.status)
    messages.success(request, _("Saved."))
    return redirect("feature-page", result.pk)


def _refused(request, feature, bound, message, status):
    feature = viewable_feature_or_404(request, feature.pk)
    context = feature_page_context(request, feature, bound=bound, error=message)
    return render(request, "web/feature.html", context, status=status)
