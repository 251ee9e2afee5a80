"""Endpoints of the documents that describe the tiles: a layer's TileJSON and a map's MapLibre style.

They follow the tile endpoints' permission rule (a private map is 404 to
anyone but its owner, editors and admins). The documents are small and
name the current revisions, so clients revalidate each time (``max-age=0``)
and get a 304 while the body, hashed into the ETag, has not changed.
"""

import hashlib
import json

from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers

from layers.models import Layer
from mapping.models import Map
from mapping.models.maps import Visibility as MapVisibility

from .delivery import cache_control
from .style import map_style
from .tilejson import tilejson
from .views import error, requester
from .visibility import visibility_for


def document_response(request, document, *, public):
    body = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    response = HttpResponse(body, content_type="application/json")
    response.headers["ETag"] = etag
    response.headers["Cache-Control"] = cache_control(public=public, pinned=False)
    patch_vary_headers(response, ["Cookie", "Authorization"])
    return get_conditional_response(request, etag=etag, response=response)


def layer_tilejson(request, layer_id):
    user = requester(request)
    if user is None:
        return error(401, "The bearer token is invalid or expired.")
    layer = Layer.objects.select_related("map__district").filter(pk=layer_id).first()
    if layer is None or not layer.map.is_visible_to(user):
        return error(404, "Not found.")
    visibility = visibility_for(user, layer)
    public = visibility.is_public and layer.map.visibility != MapVisibility.PRIVATE
    return document_response(request, tilejson(request, layer, user), public=public)


def style(request, map_id):
    user = requester(request)
    if user is None:
        return error(401, "The bearer token is invalid or expired.")
    map_ = Map.objects.select_related("district").filter(pk=map_id).first()
    if map_ is None or not map_.is_visible_to(user):
        return error(404, "Not found.")
    layers = list(map_.layers.prefetch_related("categories").order_by("order", "pk"))
    public = map_.visibility != MapVisibility.PRIVATE and all(visibility_for(user, layer).is_public for layer in layers)
    return document_response(request, map_style(request, map_, layers, user), public=public)
