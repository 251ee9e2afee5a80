"""The resident's own profile: what they took part in and, while recognition is on, their points and badges."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from guides import recognition
from guides.models import CampaignParticipant, Nomination, PlanVote
from layers.models import Feature


@login_required
def profile(request):
    user = request.user
    context = {
        "reports": Feature.objects.filter(author=user).count(),
        "campaigns": CampaignParticipant.objects.filter(user=user).select_related("campaign").order_by("-joined")[:20],
        "nominations": Nomination.objects.filter(author=user).order_by("-created")[:20],
        "plan_votes": PlanVote.objects.filter(user=user).count(),
        "recognition": recognition.recognition_of(user) if recognition.enabled() else None,
    }
    return render(request, "web/profile.html", context)
