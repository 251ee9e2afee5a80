"""Pages of mapping campaigns: the list, opening and changing one (area drawn on a map), its page with
live progress and the leaderboard, joining and leaving, the shareable summary and the coverage picture."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guides.permissions import can_manage_campaign
from guides.queries import visible_campaigns
from guides.services import campaigns as service
from guides.services.progress import leaderboard, phase, progress
from mapping.errors import StaleVersion
from mapping.models import Map
from tiles.style import basemap_layers, basemap_sources

from .campaign_forms import CampaignForm, JoinForm, maps_for_campaigns
from .coverage_picture import coverage_svg_text

SEOUL_CITY_HALL = (126.978, 37.5665)


def campaign_or_404(request, campaign_id):
    campaign = visible_campaigns(request.user).filter(pk=campaign_id).first()
    if campaign is None:
        raise Http404("No such campaign.")
    return campaign


def index(request):
    campaigns = visible_campaigns(request.user).filter(map__in=Map.objects.listed_for(request.user))
    rows = [(campaign, phase(campaign)) for campaign in campaigns[:200]]
    groups = {
        name: [campaign for campaign, state in rows if state == name] for name in ("running", "upcoming", "finished")
    }
    can_open = request.user.is_authenticated and maps_for_campaigns(request.user).exists()
    return render(request, "web/campaigns/index.html", {"groups": groups, "can_open": can_open})


def _area_context(request, campaign=None):
    context = {
        "style": {"version": 8, "sources": basemap_sources(request), "layers": basemap_layers()},
        "centre": list(SEOUL_CITY_HALL),
        "field": "id_area",
    }
    if campaign is not None:
        context["extent"] = list(campaign.area.extent)
    return context


def _form_page(request, form, campaign=None):
    context = {"form": form, "campaign": campaign, "area_context": _area_context(request, campaign)}
    return render(request, "web/campaigns/edit.html", context)


@login_required
def new_campaign(request):
    form = CampaignForm(request.POST or None, user=request.user, initial={"map": request.GET.get("map")})
    if request.method == "POST" and form.is_valid():
        try:
            campaign = service.open_campaign(request.user, form.cleaned_data["map"], form.fields_for_service())
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, error if isinstance(error, ValidationError) else str(error))
        else:
            return redirect("campaign-page", campaign_id=campaign.pk)
    return _form_page(request, form)


@login_required
def edit_campaign(request, campaign_id):
    campaign = campaign_or_404(request, campaign_id)
    if not can_manage_campaign(request.user, campaign):
        raise PermissionDenied(_("Only the campaign's organisers change it."))
    form = CampaignForm(request.POST or None, instance=campaign, user=request.user)
    if request.method == "POST" and form.is_valid():
        version = int(request.POST.get("version") or 0)
        try:
            service.change_campaign(request.user, campaign, form.fields_for_service(), expected_version=version)
        except StaleVersion:
            form.add_error(None, _("Someone else changed the campaign meanwhile. Your changes are kept below: "
                                   "reload the page to see theirs."))  # fmt: skip
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("campaign-page", campaign_id=campaign.pk)
    return _form_page(request, form, campaign)


def _numbers(request, campaign):
    participation = campaign.participants.filter(user=request.user).first() if request.user.is_authenticated else None
    return {
        "campaign": campaign,
        "phase": phase(campaign),
        "progress": progress(campaign),
        "leaderboard": leaderboard(campaign),
        "participation": participation,
        "can_manage": can_manage_campaign(request.user, campaign),
        "live": {
            "progressUrl": reverse("api-v1:campaign_progress", args=[campaign.pk]),
            "coverageUrl": reverse("campaign-coverage", args=[campaign.pk]),
        },
    }


def campaign_page(request, campaign_id):
    campaign = campaign_or_404(request, campaign_id)
    context = _numbers(request, campaign)
    context["join_form"] = JoinForm(instance=context["participation"])
    context["csrf"] = get_token(request)
    return render(request, "web/campaigns/campaign.html", context)


def summary(request, campaign_id):
    campaign = campaign_or_404(request, campaign_id)
    context = _numbers(request, campaign)
    context["share_url"] = request.build_absolute_uri(reverse("campaign-summary", args=[campaign.pk]))
    return render(request, "web/campaigns/summary.html", context)


def coverage_svg(request, campaign_id):
    campaign = campaign_or_404(request, campaign_id)
    response = HttpResponse(coverage_svg_text(campaign), content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response


@login_required
@require_POST
def join(request, campaign_id):
    campaign = campaign_or_404(request, campaign_id)
    form = JoinForm(request.POST)
    on_leaderboard = form.is_valid() and form.cleaned_data["on_leaderboard"]
    try:
        service.join_campaign(request.user, campaign, on_leaderboard=on_leaderboard)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You take part in this campaign. Thank you!"))
    return redirect("campaign-page", campaign_id=campaign.pk)


@login_required
@require_POST
def leave(request, campaign_id):
    campaign = campaign_or_404(request, campaign_id)
    service.leave_campaign(request.user, campaign)
    messages.success(request, _("You no longer take part in this campaign."))
    return redirect("campaign-page", campaign_id=campaign.pk)
