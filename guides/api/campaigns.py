"""``/api/v1/campaigns``: mapping campaigns, their live progress, coverage cells and leaderboard, and
joining them.

A campaign is visible to whoever sees its map (404 otherwise). Changes need
``If-Match`` with the campaign's ETag. Cells are GeoJSON polygons (lon/lat)
of the grid in EPSG:5186, each with ``covered``.
"""

import json

from django.contrib.gis.geos import Polygon
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError

from layers.models import Category
from mapping.api.maps import visible_map
from mapping.api.security import caller, require_user
from mapping.api.versioning import with_etag
from mapping.models import Map

from ..queries import visible_campaigns
from ..services import campaigns as service
from ..services.progress import cells, leaderboard, phase, progress
from .common import expected_version, not_found
from .schemas import (
    CampaignIn,
    CampaignList,
    CampaignOut,
    CampaignPatch,
    LeaderboardRow,
    ParticipationIn,
    ParticipationOut,
    ProgressOut,
)

router = Router(tags=["campaigns"])


class CampaignFilters(Schema):
    map: int | None = None
    phase: str | None = None
    limit: int = 50
    offset: int = 0


CAMPAIGN_FIELDS = ("title", "goal", "goal_features", "description", "organiser", "starts", "ends", "cell_metres")
CAMPAIGN_FIELDS += ("closing_note", "version")


def serialize_campaign(campaign):
    return {
        "id": campaign.pk,
        "map": campaign.map_id,
        "layer": campaign.layer_id,
        "category": campaign.category.key if campaign.category else None,
        "district": campaign.district.code if campaign.district else None,
        "area": json.loads(campaign.area.geojson),
        "phase": phase(campaign),
        "url": reverse("campaign-page", args=[campaign.pk]),
        "summary_url": reverse("campaign-summary", args=[campaign.pk]),
        **{name: getattr(campaign, name) for name in CAMPAIGN_FIELDS},
    }


def serialize_progress(campaign):
    numbers = progress(campaign)
    return {
        **numbers.__dict__,
        "coverage_percent": numbers.coverage_percent,
        "goal_percent": numbers.goal_percent,
        "phase": phase(campaign),
    }


def visible_campaign(request, campaign_id):
    campaign = visible_campaigns(caller(request)).filter(pk=campaign_id).first()
    if campaign is None:
        raise not_found()
    return campaign


def _category(map_, layer_id, key):
    if key is None:
        return None
    categories = Category.objects.filter(layer__map=map_, key=key)
    category = (categories.filter(layer_id=layer_id) if layer_id else categories).first()
    if category is None:
        raise HttpError(400, f"The map has no category '{key}'.")
    return category


@router.get("/campaigns", response=CampaignList, summary="List campaigns")
def list_campaigns(request, filters: Query[CampaignFilters]):
    campaigns = visible_campaigns(caller(request)).filter(map__in=Map.objects.listed_for(caller(request)))
    if filters.map:
        campaigns = campaigns.filter(map_id=filters.map)
    items = [serialize_campaign(campaign) for campaign in campaigns]
    if filters.phase:
        items = [item for item in items if item["phase"] == filters.phase]
    offset, limit = max(0, filters.offset), max(1, min(filters.limit, 200))
    return {"count": len(items), "items": items[offset : offset + limit]}


@router.post("/campaigns", response={201: CampaignOut}, summary="Open a campaign on a map")
def create_campaign(request, payload: CampaignIn, response: HttpResponse):
    user = require_user(request)
    map_ = visible_map(request, payload.map)
    fields = payload.dict(exclude={"map", "area", "layer", "category"})
    fields["area"] = service.campaign_area(payload.area, map_=map_)
    fields["layer"] = get_object_or_404(map_.layers, pk=payload.layer) if payload.layer else None
    fields["category"] = _category(map_, payload.layer, payload.category)
    campaign = service.open_campaign(user, map_, fields)
    with_etag(response, campaign.etag)
    return Status(201, serialize_campaign(campaign))


@router.get("/campaigns/{int:campaign_id}", response=CampaignOut, summary="Read a campaign")
def read_campaign(request, campaign_id: int, response: HttpResponse):
    campaign = visible_campaign(request, campaign_id)
    with_etag(response, campaign.etag)
    return serialize_campaign(campaign)


@router.patch("/campaigns/{int:campaign_id}", response=CampaignOut, summary="Change a campaign (needs If-Match)")
def patch_campaign(request, campaign_id: int, payload: CampaignPatch, response: HttpResponse):
    user = require_user(request)
    campaign = visible_campaign(request, campaign_id)
    version = expected_version(request, "c", campaign.pk)
    changes = {name: value for name, value in payload.dict(exclude_unset=True).items() if value is not None}
    if "area" in changes:
        changes["area"] = service.campaign_area(changes["area"], map_=campaign.map)
    campaign = service.change_campaign(user, campaign, changes, expected_version=version)
    with_etag(response, campaign.etag)
    return serialize_campaign(campaign)


@router.get("/campaigns/{int:campaign_id}/progress", response=ProgressOut, summary="Live progress of a campaign")
def campaign_progress(request, campaign_id: int):
    return serialize_progress(visible_campaign(request, campaign_id))


@router.get("/campaigns/{int:campaign_id}/cells", summary="The campaign's grid cells as GeoJSON, each with covered")
def campaign_cells(request, campaign_id: int):
    campaign = visible_campaign(request, campaign_id)
    size = campaign.cell_metres
    features = []
    for i, j, covered in cells(campaign):
        square = Polygon.from_bbox((i * size, j * size, (i + 1) * size, (j + 1) * size))
        square.srid = 5186
        square.transform(4326)
        geometry = json.loads(square.json)
        features.append({"type": "Feature", "geometry": geometry, "properties": {"i": i, "j": j, "covered": covered}})
    return {"type": "FeatureCollection", "cell_metres": size, "features": features}


@router.get(
    "/campaigns/{int:campaign_id}/leaderboard",
    response=list[LeaderboardRow],
    summary="Participants who opted in, by reports added",
)
def campaign_leaderboard(request, campaign_id: int):
    rows, rank, previous = [], 0, None
    for position, (username, reports) in enumerate(leaderboard(visible_campaign(request, campaign_id)), start=1):
        rank = rank if reports == previous else position
        previous = reports
        rows.append({"rank": rank, "username": username, "reports": reports})
    return rows


def participation_of(campaign, user):
    mine = campaign.participants.filter(user=user).first() if user.is_authenticated else None
    return {
        "joined": mine is not None,
        "on_leaderboard": bool(mine and mine.on_leaderboard),
        "participants": campaign.participants.count(),
    }


@router.get("/campaigns/{int:campaign_id}/participation", response=ParticipationOut, summary="Whether I take part")
def read_participation(request, campaign_id: int):
    return participation_of(visible_campaign(request, campaign_id), caller(request))


@router.put("/campaigns/{int:campaign_id}/participation", response=ParticipationOut, summary="Join a campaign")
def join(request, campaign_id: int, payload: ParticipationIn):
    user = require_user(request)
    campaign = visible_campaign(request, campaign_id)
    service.join_campaign(user, campaign, on_leaderboard=payload.on_leaderboard)
    return participation_of(campaign, user)


@router.delete("/campaigns/{int:campaign_id}/participation", response=ParticipationOut, summary="Leave a campaign")
def leave(request, campaign_id: int):
    user = require_user(request)
    campaign = visible_campaign(request, campaign_id)
    service.leave_campaign(user, campaign)
    return participation_of(campaign, user)
