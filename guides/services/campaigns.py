"""Opening, changing, joining and leaving mapping campaigns.

The area is checked like a drawn feature (layers/geometry.py: valid, in Korea
unless the map allows elsewhere, not too many vertices) and must not cut into
more than ``CAMPAIGN_MAX_CELLS`` cells. A campaign opened by a reviewer of the
map's district is the district's (``district`` set); one opened by the map's
owner or editors is their group's. Changes need the version the organiser read
(If-Match → 412). Joining is open to every signed-in resident who sees the map
until the last day; joining again only changes the leaderboard choice.
"""

import json
import math

from django.conf import settings
from django.contrib.gis.geos import GEOSGeometry, MultiPolygon
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from layers.geometry import GeometryError, clean_geometry
from layers.permissions import can_moderate
from mapping.api.versioning import locked_at_version

from ..models import Campaign, CampaignParticipant
from ..permissions import can_manage_campaign, can_open_campaign
from .progress import phase

EDITABLE = ("title", "goal", "goal_features", "description", "organiser", "starts", "ends", "cell_metres")
EDITABLE += ("closing_note", "layer", "category", "area")
MAX_DAYS = 366


def campaign_area(geojson, *, map_):
    """The GeoJSON polygon or multipolygon ``geojson`` (dict or text) as a checked MultiPolygon in EPSG:4326."""
    if isinstance(geojson, str):
        try:
            geojson = json.loads(geojson)
        except ValueError as error:
            raise ValidationError(_("The area is not GeoJSON: %(error)s"), params={"error": error}) from error
    extent = None if map_.allow_outside_korea else settings.KOREA_EXTENT
    try:
        clean = clean_geometry(
            geojson,
            allowed_kinds=["Polygon", "MultiPolygon"],
            max_vertices=settings.FEATURE_MAX_VERTICES,
            extent=extent,
        )
    except GeometryError as error:
        raise ValidationError(str(error), code="area") from error
    area = GEOSGeometry(clean.geometry.wkt, srid=4326)
    if area.geom_type == "Polygon":
        area = MultiPolygon(area, srid=4326)
    if not area.valid:
        raise ValidationError(_("The area crosses itself: draw its outline again."), code="area")
    return area


def _check_cells(area, cell_metres):
    xmin, ymin, xmax, ymax = area.transform(5186, clone=True).extent
    cells = math.ceil((xmax - xmin) / cell_metres + 1) * math.ceil((ymax - ymin) / cell_metres + 1)
    if cells > settings.CAMPAIGN_MAX_CELLS:
        raise ValidationError(
            _("The area is too large for %(size)s m cells (about %(cells)s cells, at most %(limit)s): draw a "
              "smaller area or choose larger cells."),
            params={"size": cell_metres, "cells": f"{cells:,}", "limit": f"{settings.CAMPAIGN_MAX_CELLS:,}"},
            code="too_many_cells",
        )  # fmt: skip


def _check(campaign):
    if campaign.starts and campaign.ends:
        if campaign.ends < campaign.starts:
            raise ValidationError({"ends": _("The last day comes before the first day.")})
        if (campaign.ends - campaign.starts).days >= MAX_DAYS:
            raise ValidationError({"ends": _("A campaign lasts at most a year.")})
    if campaign.layer is not None and campaign.layer.map_id != campaign.map_id:
        raise ValidationError({"layer": _("This layer is not on the campaign's map.")})
    if campaign.category is not None:
        layer_ids = [campaign.layer_id] if campaign.layer_id else list(campaign.map.layers.values_list("pk", flat=True))
        if campaign.category.layer_id not in layer_ids:
            raise ValidationError({"category": _("This category is not on the campaign's map or layer.")})
    campaign.full_clean(exclude=["version", "created_by"])
    _check_cells(campaign.area, campaign.cell_metres)


@transaction.atomic
def open_campaign(user, map_, fields):
    """A new campaign on ``map_`` with ``fields`` (Campaign fields; ``area`` already a MultiPolygon)."""
    if not can_open_campaign(user, map_):
        raise PermissionDenied(_("Only the map's owner and editors, or its district's reviewers, open campaigns."))
    campaign = Campaign(map=map_, created_by=user, **{name: fields[name] for name in EDITABLE if name in fields})
    if can_moderate(user, map_.district_id) and map_.district_id:
        campaign.district_id = map_.district_id
    _check(campaign)
    campaign.save()
    return campaign


@transaction.atomic
def change_campaign(user, campaign, changes, *, expected_version):
    if not can_manage_campaign(user, campaign):
        raise PermissionDenied(_("Only the campaign's organisers change it."))
    campaign = locked_at_version(Campaign, campaign.pk, expected_version, "campaign")
    for name in EDITABLE:
        if name in changes:
            setattr(campaign, name, changes[name])
    _check(campaign)
    campaign.version += 1
    campaign.save()
    return campaign


def join_campaign(user, campaign, *, on_leaderboard=False):
    """``user`` takes part (again); returns the participation."""
    if not user.is_authenticated or not campaign.map.is_visible_to(user):
        raise PermissionDenied(_("Log in to join the campaign."))
    if phase(campaign) == "finished":
        raise ValidationError(_("This campaign has ended."), code="ended")
    try:
        with transaction.atomic():
            participation, _created = CampaignParticipant.objects.update_or_create(
                campaign=campaign, user=user, defaults={"on_leaderboard": on_leaderboard}
            )
    except IntegrityError:  # a double click joined in between: the row is there, set the choice on it
        participation = CampaignParticipant.objects.get(campaign=campaign, user=user)
        participation.on_leaderboard = on_leaderboard
        participation.save(update_fields=["on_leaderboard"])
    return participation


def leave_campaign(user, campaign):
    CampaignParticipant.objects.filter(campaign=campaign, user=user).delete()
