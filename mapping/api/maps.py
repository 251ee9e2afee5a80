"""``/api/v1/maps``: list, create, read, change and delete theme maps.

Unlisted maps are readable by anyone with the link but listed only for their
owner and editors; private maps are 404 to everybody else. Only the owner
(or an admin) changes visibility and editors or deletes the map.
"""

from django.db import transaction
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError

from mapping.models import District, Map, User

from .schemas import MapIn, MapKindName, MapList, MapOut, MapPatch
from .security import caller, require_user
from .versioning import if_match_version, locked_at_version, save_new_version, version_parser, with_etag

router = Router(tags=["maps"])

OWNER_ONLY_FIELDS = {"visibility", "editors"}


class MapFilters(Schema):
    kind: MapKindName | None = None
    district: str | None = None
    q: str | None = None
    mine: bool = False
    limit: int = 50
    offset: int = 0


def serialize_map(map_):
    return {
        "id": map_.pk,
        "slug": map_.slug,
        "title": map_.title,
        "description": map_.description,
        "kind": map_.kind,
        "district": map_.district.code if map_.district else None,
        "owner": map_.owner.username,
        "editors": [user.username for user in map_.editors.all()],
        "visibility": map_.visibility,
        "contribution": map_.contribution,
        "allow_outside_korea": map_.allow_outside_korea,
        "version": map_.version,
        "layers": [layer.pk for layer in map_.layers.all()],
        "created": map_.created,
        "updated": map_.updated,
    }


def visible_map(request, map_id):
    """The map, or 404 when it does not exist or the caller may not see it."""
    map_ = get_object_or_404(Map.objects.select_related("owner", "district"), pk=map_id)
    if not map_.is_visible_to(caller(request)):
        raise HttpError(404, "Not found.")
    return map_


def managed_map(request, map_id):
    """The map, when the caller is its owner, an editor or an admin; 403 when they only see it."""
    user = require_user(request)
    map_ = visible_map(request, map_id)
    if not map_.is_managed_by(user):
        raise HttpError(403, "Only the map's owner and editors can change it.")
    return map_


def _district(code):
    if code is None:
        return None
    district = District.objects.filter(code=code).first()
    if district is None:
        raise HttpError(400, f"Unknown district code '{code}'.")
    return district


def _editors(usernames):
    users = list(User.objects.filter(username__in=usernames, is_active=True))
    missing = sorted(set(usernames) - {user.username for user in users})
    if missing:
        raise HttpError(400, f"Unknown users: {', '.join(missing)}.")
    return users


@router.get("", response=MapList, summary="List maps")
def list_maps(request, filters: Query[MapFilters]):
    user = caller(request)
    maps = Map.objects.listed_for(user).select_related("owner", "district").prefetch_related("editors", "layers")
    if filters.mine:
        owner = require_user(request)
        maps = maps.filter(Q(owner=owner) | Q(editors=owner)).distinct()
    if filters.kind:
        maps = maps.filter(kind=filters.kind)
    if filters.district:
        maps = maps.filter(district__code=filters.district)
    if filters.q:
        maps = maps.filter(Q(title__icontains=filters.q) | Q(description__icontains=filters.q))
    limit = max(1, min(filters.limit, 200))
    offset = max(0, filters.offset)
    return {"count": maps.count(), "items": [serialize_map(m) for m in maps[offset : offset + limit]]}


@router.post("", response={201: MapOut}, summary="Create a map")
def create_map(request, payload: MapIn, response: HttpResponse):
    user = require_user(request)
    with transaction.atomic():
        map_ = Map(owner=user, **payload.dict(exclude={"district", "editors"}))
        map_.district = _district(payload.district)
        map_.full_clean(exclude=["slug", "owner"])
        map_.save()
        map_.editors.set(_editors(payload.editors))
    with_etag(response, map_.etag)
    return Status(201, serialize_map(map_))


@router.get("/{int:map_id}", response=MapOut, summary="Read a map")
def read_map(request, map_id: int, response: HttpResponse):
    map_ = visible_map(request, map_id)
    with_etag(response, map_.etag)
    return serialize_map(map_)


@router.patch("/{int:map_id}", response=MapOut, summary="Change a map (needs If-Match)")
def patch_map(request, map_id: int, payload: MapPatch, response: HttpResponse):
    user = require_user(request)
    map_ = managed_map(request, map_id)
    expected = if_match_version(request, version_parser("m", map_.pk))
    changes = payload.dict(exclude_unset=True)
    if OWNER_ONLY_FIELDS & changes.keys() and not (user.is_admin or map_.owner_id == user.pk):
        raise HttpError(403, "Only the map's owner can change its visibility or editors.")
    with transaction.atomic():
        map_ = locked_at_version(Map, map_.pk, expected, "map")
        if "district" in changes:
            map_.district = _district(changes.pop("district"))
        editors = changes.pop("editors", None)
        save_new_version(map_, changes, exclude=["owner"])
        if editors is not None:
            map_.editors.set(_editors(editors))
    with_etag(response, map_.etag)
    return serialize_map(map_)


@router.delete("/{int:map_id}", response={204: None}, summary="Delete a map and its layers")
def delete_map(request, map_id: int):
    user = require_user(request)
    map_ = visible_map(request, map_id)
    if not (user.is_admin or map_.owner_id == user.pk):
        raise HttpError(403, "Only the map's owner can delete it.")
    map_.delete()
    return Status(204, None)
