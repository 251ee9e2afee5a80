"""“Take part”: the ways to join in, on one page — running campaigns, topics to support, the plan, the guides."""

from django.shortcuts import render

from guides.models import Nomination, NominationState, PlanItem, PlanState
from guides.queries import readable_guides, visible_campaigns
from guides.services.progress import phase
from mapping.models import Map

SHOWN = 5


def take_part(request):
    campaigns = visible_campaigns(request.user).filter(map__in=Map.objects.listed_for(request.user))[:50]
    context = {
        "campaigns": [campaign for campaign in campaigns if phase(campaign) != "finished"][:SHOWN],
        "nominations": Nomination.objects.filter(state=NominationState.OPEN).order_by("-support_count", "-created")[
            :SHOWN
        ],
        "plan_items": PlanItem.objects.exclude(state__in=[PlanState.DONE, PlanState.DECLINED]).order_by("-vote_count")[
            :SHOWN
        ],
        "guides": readable_guides(request.user)[:SHOWN],
    }
    return render(request, "web/take_part.html", context)
