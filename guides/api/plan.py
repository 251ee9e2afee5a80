"""``/api/v1/plan``: the open improvement plan — items with their state and history, votes and comments.

Administrators publish and move items (``PATCH`` with If-Match); any
signed-in resident votes once per item (``PUT``/``DELETE .../vote``) and
comments. Commenters are named only with their consent ("주민" otherwise).
"""

from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Query, Router, Schema, Status

from mapping.api.security import caller, require_user
from mapping.api.versioning import with_etag

from ..models import PlanItem, PlanVote
from ..services import plan as service
from .common import expected_version, person
from .schemas import CommentIn, CommentOut, PlanItemIn, PlanItemOut, PlanItemPatch, PlanList, VoteOut

router = Router(tags=["improvement plan"])


class PlanFilters(Schema):
    state: str | None = None
    limit: int = 100
    offset: int = 0


def plan_items():
    return PlanItem.objects.annotate(comment_total=Count("comments", distinct=True)).prefetch_related("events")


def serialize_item(item, voted):
    fields = ("title", "description", "state", "state_reason", "vote_count", "version", "created", "updated")
    history = [
        {name: getattr(event, name) for name in ("kind", "from_state", "to_state", "reason", "created")}
        for event in item.events.all()
    ]
    return {
        "id": item.pk,
        **{name: getattr(item, name) for name in fields},
        "voted": voted,
        "comment_count": item.comment_total,
        "url": reverse("plan-item", args=[item.pk]),
        "history": history,
    }


def voted_ids(user, items):
    if not user.is_authenticated:
        return set()
    return set(PlanVote.objects.filter(user=user, item__in=items).values_list("item_id", flat=True))


def item_out(request, item_id):
    item = get_object_or_404(plan_items(), pk=item_id)
    return item, serialize_item(item, bool(voted_ids(caller(request), [item])))


@router.get("/plan", response=PlanList, summary="The improvement plan's items")
def list_items(request, filters: Query[PlanFilters]):
    items = plan_items()
    if filters.state:
        items = items.filter(state=filters.state)
    offset, limit = max(0, filters.offset), max(1, min(filters.limit, 200))
    page = list(items[offset : offset + limit])
    mine = voted_ids(caller(request), page)
    return {"count": items.count(), "items": [serialize_item(item, item.pk in mine) for item in page]}


@router.post("/plan", response={201: PlanItemOut}, summary="Publish a planned change (administrators)")
def publish(request, payload: PlanItemIn, response: HttpResponse):
    fields = payload.dict()
    item = service.publish_item(require_user(request), reason=fields.pop("state_reason"), **fields)
    item, body = item_out(request, item.pk)
    with_etag(response, item.etag)
    return Status(201, body)


@router.get("/plan/{int:item_id}", response=PlanItemOut, summary="Read an item with its history")
def read_item(request, item_id: int, response: HttpResponse):
    item, body = item_out(request, item_id)
    with_etag(response, item.etag)
    return body


@router.patch("/plan/{int:item_id}", response=PlanItemOut, summary="Change an item or its state (needs If-Match)")
def patch_item(request, item_id: int, payload: PlanItemPatch, response: HttpResponse):
    user = require_user(request)
    item = get_object_or_404(PlanItem, pk=item_id)
    version = expected_version(request, "p", item.pk)
    service.change_item(user, item, payload.dict(exclude_unset=True), expected_version=version)
    item, body = item_out(request, item_id)
    with_etag(response, item.etag)
    return body


@router.put("/plan/{int:item_id}/vote", response=VoteOut, summary="Vote for an item (once)")
def vote(request, item_id: int):
    count = service.vote(require_user(request), item_id)  # 404 for an unknown item
    return {"vote_count": count, "voted": True}


@router.delete("/plan/{int:item_id}/vote", response=VoteOut, summary="Take back a vote")
def unvote(request, item_id: int):
    count = service.unvote(require_user(request), item_id)
    return {"vote_count": count, "voted": False}


def serialize_comment(request, comment):
    return {
        "id": comment.pk,
        "author": person(request, comment.author),
        "body": comment.body,
        "created": comment.created,
    }


@router.get("/plan/{int:item_id}/comments", response=list[CommentOut], summary="Comments on an item")
def list_comments(request, item_id: int):
    item = get_object_or_404(PlanItem, pk=item_id)
    return [serialize_comment(request, comment) for comment in item.comments.select_related("author")]


@router.post("/plan/{int:item_id}/comments", response={201: CommentOut}, summary="Comment on an item")
def add_comment(request, item_id: int, payload: CommentIn):
    comment = service.comment(require_user(request), get_object_or_404(PlanItem, pk=item_id), payload.body)
    return Status(201, serialize_comment(request, comment))
