"""Tile endpoints: a map layer's features, the districts and the buildings, as MVT from PostGIS."""

from django.http import JsonResponse

from layers.privacy import grid_metres
from mapping.models import ApiToken, Map
from mapping.models.maps import Visibility

from .delivery import tile_response
from .extents import buildings_extent, layer_extent
from .filters import FilterError, parse_filters
from .lookups import source_revision, tile_layer
from .params import layer_tile_params
from .sql import run
from .tilemath import (
    BUFFER,
    BUILDINGS_MIN_ZOOM,
    TileError,
    district_simplification,
    mercator_bounds,
    min_building_footprint,
    overlaps,
    parse_tile,
)
from .visibility import visibility_for


def error(status, message):
    return JsonResponse({"detail": message}, status=status, json_dumps_params={"ensure_ascii": False})


def requester(request):
    """The session user, the owner of a bearer token (API clients fetch tiles too), or None for a bad token."""
    header = request.headers.get("Authorization", "")
    if not header:
        return request.user
    if header.startswith("Bearer "):
        return ApiToken.objects.user_for(header.removeprefix("Bearer ").strip())
    return None


def _pinned(request, revision):
    return request.GET.get("v") == str(revision)


def _map_visible(layer, user):
    if layer.map_visibility != Visibility.PRIVATE:
        return True
    return Map.objects.get(pk=layer.map_id).is_visible_to(user)


def layer_tile(request, layer_id, z, x, y):
    try:
        tile = parse_tile(z, x, y)
        filters = parse_filters(request.GET)
    except (TileError, FilterError) as exc:
        return error(400, str(exc))
    user = requester(request)
    if user is None:
        return error(401, "The bearer token is invalid or expired.")
    layer = tile_layer(layer_id)
    if layer is None or not _map_visible(layer, user):
        return error(404, "Not found.")
    visibility = visibility_for(user, layer)
    key = f"mvt:l{layer.pk}:r{layer.revision}:{visibility.cache_class}:g{grid_metres():g}:{filters.cache_key}:{tile}"
    params = layer_tile_params(tile, layer, visibility, filters)
    public = visibility.is_public and layer.map_visibility != Visibility.PRIVATE
    return tile_response(
        request,
        key,
        lambda: run("layer_features", params) if may_hold_data(tile, layer_extent(layer)) else b"",
        public=public,
        pinned=_pinned(request, layer.revision),
    )


def may_hold_data(tile, extent):
    """False when the tile (with its buffer) lies wholly outside the source's data extent."""
    return bool(extent) and overlaps(mercator_bounds(tile), extent)


def _basemap_tile(request, source, z, x, y, params_for, extent_for=None):
    try:
        tile = parse_tile(z, x, y)
    except TileError as exc:
        return error(400, str(exc))
    if set(request.GET) - {"v"}:
        return error(400, "This tile source takes no filters.")
    revision = source_revision(source)
    extra = params_for(tile.z)
    params = {"z": tile.z, "x": tile.x, "y": tile.y, "buffer": BUFFER, **(extra or {})}

    def render():
        if extra is None or (extent_for and not may_hold_data(tile, extent_for(revision))):
            return b""
        return run(source, params)

    return tile_response(
        request, f"mvt:{source}:r{revision}:{tile}", render, public=True, pinned=_pinned(request, revision)
    )


def district_tile(request, z, x, y):
    return _basemap_tile(request, "districts", z, x, y, lambda zoom: {"simplify": district_simplification(zoom)})


def building_tile(request, z, x, y):
    """Buildings start at zoom 13: below it a tile would hold tens of thousands of footprints."""

    def params_for(zoom):
        return {"min_footprint": min_building_footprint(zoom)} if zoom >= BUILDINGS_MIN_ZOOM else None

    return _basemap_tile(request, "buildings", z, x, y, params_for, extent_for=buildings_extent)
