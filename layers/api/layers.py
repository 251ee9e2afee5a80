"""``/api/v1/maps/{id}/layers`` and ``/api/v1/layers/{id}``: a map's layers and their categories."""

from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Router, Status
from ninja.errors import HttpError

from mapping.api.maps import managed_map, visible_map
from mapping.api.security import require_user
from mapping.api.versioning import (
    if_match_version,
    locked_at_version,
    save_new_version,
    version_parser,
    with_etag,
)

from ..models import Layer
from ..services.layers import create_layer, set_categories
from .schemas import LayerIn, LayerOut, LayerPatch

router = Router(tags=["layers"])


def serialize_layer(layer):
    return {
        "id": layer.pk,
        "map": layer.map_id,
        "name": layer.name,
        "description": layer.description,
        "geometry_kinds": layer.geometry_kinds,
        "moderation": layer.moderation,
        "workflow": layer.workflow,
        "categories": [
            {
                "key": c.key,
                "label_ko": c.label_ko,
                "label_en": c.label_en,
                "icon": c.icon,
                "color": c.color,
                "due_days": c.due_days,
                "sensitive": c.sensitive,
            }
            for c in layer.categories.all()
        ],
        "fields": layer.fields,
        "order": layer.order,
        "version": layer.version,
        "revision": layer.revision,
        "created": layer.created,
        "updated": layer.updated,
    }


def visible_layer(request, layer_id):
    layer = get_object_or_404(Layer.objects.select_related("map"), pk=layer_id)
    visible_map(request, layer.map_id)
    return layer


@router.get("/maps/{int:map_id}/layers", response=list[LayerOut], summary="List a map's layers")
def list_layers(request, map_id: int):
    map_ = visible_map(request, map_id)
    return [serialize_layer(layer) for layer in map_.layers.prefetch_related("categories")]


@router.post("/maps/{int:map_id}/layers", response={201: LayerOut}, summary="Add a layer to a map")
def add_layer(request, map_id: int, payload: LayerIn, response: HttpResponse):
    map_ = managed_map(request, map_id)
    data = payload.dict()
    if data["categories"] is None:
        data.pop("categories")
    layer = create_layer(map_, data)
    with_etag(response, layer.etag)
    return Status(201, serialize_layer(layer))


@router.get("/layers/{int:layer_id}", response=LayerOut, summary="Read a layer")
def read_layer(request, layer_id: int, response: HttpResponse):
    layer = visible_layer(request, layer_id)
    with_etag(response, layer.etag)
    return serialize_layer(layer)


@router.patch("/layers/{int:layer_id}", response=LayerOut, summary="Change a layer (needs If-Match)")
def patch_layer(request, layer_id: int, payload: LayerPatch, response: HttpResponse):
    layer = visible_layer(request, layer_id)
    managed_map(request, layer.map_id)
    expected = if_match_version(request, version_parser("l", layer.pk))
    changes = payload.dict(exclude_unset=True)
    with transaction.atomic():
        layer = locked_at_version(Layer, layer.pk, expected, "layer")
        categories = changes.pop("categories", None)
        save_new_version(layer, changes, exclude=["map"])
        if categories is not None:
            _check_sensitivity_kept(request, layer, categories)
            set_categories(layer, categories)
    with_etag(response, layer.etag)
    return serialize_layer(layer)


def _check_sensitivity_kept(request, layer, categories):
    """Only admins make a sensitive category public again: that would show exact places of worry."""
    if require_user(request).is_admin:
        return
    kept_sensitive = {c["key"] for c in categories if c.get("sensitive")}
    lowered = layer.categories.filter(sensitive=True).exclude(key__in=kept_sensitive)
    lowered = lowered.filter(key__in=[c["key"] for c in categories])
    if lowered.exists():
        keys = ", ".join(lowered.values_list("key", flat=True))
        raise HttpError(403, f"Only administrators can make a sensitive category public again: {keys}.")


@router.delete("/layers/{int:layer_id}", response={204: None}, summary="Delete a layer and its features")
def delete_layer(request, layer_id: int):
    require_user(request)
    layer = visible_layer(request, layer_id)
    managed_map(request, layer.map_id)
    layer.delete()
    return Status(204, None)
