"""``/api/v1/nominations`` and ``/api/v1/topic-templates``: choosing what to map.

Residents nominate topics and support others' (once each: ``PUT`` and
``DELETE .../support``); the district's staff decide with a published reason
(``POST .../decision`` with If-Match). A selection makes a topic template,
from which anyone makes a new map, or adds its layer to a map they manage.
Authors are named only with their consent ("주민" otherwise).
"""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError

from mapping.api.maps import _district as district_of
from mapping.api.maps import managed_map
from mapping.api.security import caller, require_user
from mapping.api.versioning import with_etag

from ..models import Nomination, NominationSupport, TopicTemplate
from ..services import nominations as service
from ..services.topic_templates import PREFIX, add_layer, categories_from_labels, create_map
from .common import expected_version, person
from .schemas import (
    CreatedOut,
    DecisionIn,
    NewLayerIn,
    NewMapIn,
    NominationIn,
    NominationList,
    NominationOut,
    SupportOut,
    TemplateOut,
)

router = Router(tags=["choosing what to map"])
SORTS = {"support": ("-support_count", "-created"), "newest": ("-created",)}


class NominationFilters(Schema):
    state: str | None = None
    district: str | None = None
    sort: str = "support"
    limit: int = 50
    offset: int = 0


def serialize_template(template):
    fields = ("key", "scope", "map_kind", "label_ko", "label_en", "description_ko", "description_en", "categories")
    return {
        **{name: getattr(template, name) for name in fields},
        "geometry_kinds": list(template.geometry_kinds),
        "nomination": template.nomination_id,
    }


def serialize_nomination(request, nomination, supported):
    template = getattr(nomination, "template", None)
    fields = ("title", "kind", "reason", "example", "support_count", "state", "decision_reason", "decided_at")
    return {
        "id": nomination.pk,
        **{name: getattr(nomination, name) for name in fields},
        "district": nomination.district.code if nomination.district else None,
        "author": person(request, nomination.author, nomination.district_id),
        "supported": supported,
        "template": serialize_template(template) if template else None,
        "version": nomination.version,
        "created": nomination.created,
        "url": reverse("topic-page", args=[nomination.pk]),
    }


def supported_ids(user, nominations):
    if not user.is_authenticated:
        return set()
    return set(
        NominationSupport.objects.filter(user=user, nomination__in=nominations).values_list("nomination_id", flat=True)
    )


def nominations_query():
    return Nomination.objects.select_related("author", "district", "template")


@router.get("/nominations", response=NominationList, summary="List nominations")
def list_nominations(request, filters: Query[NominationFilters]):
    nominations = nominations_query().order_by(*SORTS.get(filters.sort, SORTS["support"]))
    if filters.state:
        nominations = nominations.filter(state=filters.state)
    if filters.district:
        nominations = nominations.filter(district__code=filters.district)
    offset, limit = max(0, filters.offset), max(1, min(filters.limit, 200))
    page = list(nominations[offset : offset + limit])
    mine = supported_ids(caller(request), page)
    items = [serialize_nomination(request, nomination, nomination.pk in mine) for nomination in page]
    return {"count": nominations.count(), "items": items}


@router.post("/nominations", response={201: NominationOut}, summary="Nominate a topic worth mapping")
def create_nomination(request, payload: NominationIn, response: HttpResponse):
    user = require_user(request)
    fields = payload.dict(exclude={"district"})
    nomination = service.nominate(user, {**fields, "district": district_of(payload.district)})
    with_etag(response, nomination.etag)
    return Status(201, serialize_nomination(request, nomination, False))


def nomination_out(request, nomination_id):
    nomination = get_object_or_404(nominations_query(), pk=nomination_id)
    return nomination, serialize_nomination(request, nomination, bool(supported_ids(caller(request), [nomination])))


@router.get("/nominations/{int:nomination_id}", response=NominationOut, summary="Read a nomination")
def read_nomination(request, nomination_id: int, response: HttpResponse):
    nomination, body = nomination_out(request, nomination_id)
    with_etag(response, nomination.etag)
    return body


@router.put("/nominations/{int:nomination_id}/support", response=SupportOut, summary="Support a nomination")
def support(request, nomination_id: int):
    count = service.support(require_user(request), nomination_id)  # 404 for an unknown one
    return {"support_count": count, "supported": True}


@router.delete("/nominations/{int:nomination_id}/support", response=SupportOut, summary="Withdraw a support")
def withdraw(request, nomination_id: int):
    count = service.withdraw_support(require_user(request), nomination_id)
    return {"support_count": count, "supported": False}


@router.post(
    "/nominations/{int:nomination_id}/decision",
    response=NominationOut,
    summary="Select or decline a nomination, with a published reason (district staff; needs If-Match)",
)
def decide(request, nomination_id: int, payload: DecisionIn, response: HttpResponse):
    user = require_user(request)
    nomination = get_object_or_404(Nomination, pk=nomination_id)
    version = expected_version(request, "n", nomination.pk)
    template = None
    if payload.selected:
        if payload.template is None:
            raise HttpError(400, "A selection needs its template: a name and categories.")
        template = payload.template.dict(exclude_none=True)
        template["categories"] = categories_from_labels(
            (category["label_ko"], category["label_en"]) for category in template["categories"]
        )
    service.decide(user, nomination, selected=payload.selected, reason=payload.reason, expected_version=version,
                   template=template)  # fmt: skip
    nomination, body = nomination_out(request, nomination.pk)
    with_etag(response, nomination.etag)
    return body


@router.get("/topic-templates", response=list[TemplateOut], summary="Templates made from selected nominations")
def list_templates(request):
    return [serialize_template(template) for template in TopicTemplate.objects.filter(active=True)]


def active_template(key):
    return get_object_or_404(TopicTemplate, key=key, active=True)


@router.post("/topic-templates/{key}/maps", response={201: CreatedOut}, summary="Make a new map from a template")
def new_map(request, key: str, payload: NewMapIn):
    user = require_user(request)
    template = active_template(key)
    fields = payload.dict(exclude={"district", "review_first"})
    map_ = create_map(user, f"{PREFIX}{template.key}", review_first=payload.review_first,
                      district=district_of(payload.district), **fields)  # fmt: skip
    return Status(201, {"id": map_.pk, "url": reverse("map-view", args=[map_.pk])})


@router.post(
    "/topic-templates/{key}/layers", response={201: CreatedOut}, summary="Add a template's layer to a map I manage"
)
def new_layer(request, key: str, payload: NewLayerIn):
    user = require_user(request)
    layer = add_layer(user, active_template(key), managed_map(request, payload.map))
    return Status(201, {"id": layer.pk, "url": reverse("map-view", args=[layer.map_id])})
