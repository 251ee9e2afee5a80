"""공감 from the report's own page, for browsers without the map's script: agree, or take it back."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from layers.models import Feature
from layers.services.votes import cast_vote, withdraw_vote
from mapping.errors import ServiceError

from .feature_views import viewable_feature_or_404


@login_required
@require_POST
def vote(request, feature_id):
    feature = viewable_feature_or_404(request, feature_id)
    step = withdraw_vote if request.POST.get("withdraw") else cast_vote
    try:
        step(request.user, feature.pk)
    except (ServiceError, Feature.DoesNotExist) as exc:
        messages.error(request, getattr(exc, "message", str(exc)))
    return redirect("feature-page", feature.pk)
