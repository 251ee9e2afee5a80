"""TileJSON 3.0.0 for a layer's tiles, with the pieces the style and the export share.

Those pieces are the absolute tile URL template pinned to a revision, the
extent of the features a requester may see and the view (centre and zoom)
that frames it. The extent follows the same visibility and location rules as
the tile SQL, so a document never reveals where features the requester cannot
see lie, nor the exact place of a sensitive feature they see blurred.
"""

import math
from dataclasses import dataclass

from django.urls import reverse

from layers.models import Feature
from layers.permissions import feature_visibility_q
from layers.privacy import visible_extent
from mapping.district_names import BOUNDARY_ATTRIBUTION

from .tilemath import MAX_ZOOM

KOREA_BOUNDS = (124.5, 33.0, 131.0, 38.7)
SEOUL_CITY_HALL = (126.978, 37.5665)
SEOUL_ZOOM = 11
MAX_LATITUDE = 85.0511287798
FIT_MAX_ZOOM = 16
FIT_VIEWPORT_TILES = 2  # frame an extent as if the screen were two 512-pixel tiles wide
ATTRIBUTION = "© 도시 생활 지도 (Urban-Life Map) contributors"

FIELDS = {
    "id": "Feature id (also the MVT feature id)",
    "category": "Category key; the map style's legend gives its Korean and English label and colour",
    "title": "Title given by the feature's author",
    "status": "pending, published, rejected or hidden; anonymous readers only get published features",
    "votes": "Number of 공감 votes",
    "created": "Creation time in seconds since 1970-01-01 UTC",
}


@dataclass(frozen=True)
class View:
    """Bounds (west, south, east, north) of some content and the centre and zoom that frame it."""

    bounds: tuple[float, float, float, float]
    center: tuple[float, float]
    zoom: int


DEFAULT_VIEW = View(KOREA_BOUNDS, SEOUL_CITY_HALL, SEOUL_ZOOM)


def tile_url(request, route, revision, **kwargs):
    """Absolute URL template of a tile route: ``{z}/{x}/{y}`` left to the client, pinned with ``?v=revision``."""
    prefix = reverse(route, kwargs={**kwargs, "z": 0, "x": 0, "y": 0}).removesuffix("0/0/0.mvt")
    return f"{request.build_absolute_uri(prefix)}{{z}}/{{x}}/{{y}}.mvt?v={revision}"


def visible_bounds(layers, user):
    """(west, south, east, north) of the features of ``layers`` that ``user`` may see, at the places ``user`` sees
    them (the same rules as the API and the tile SQL), or None when there are none."""
    features = Feature.objects.filter(layer__in=layers).filter(feature_visibility_q(user))
    return visible_extent(features, user)


def unit_square(lon, lat):
    """Web Mercator position scaled to the unit square: (0, 0) is the north-west corner of tile 0/0/0."""
    lat = max(-MAX_LATITUDE, min(MAX_LATITUDE, lat))
    y = math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
    return (lon + 180.0) / 360.0, (1.0 - y / math.pi) / 2.0


def view_of(bounds):
    """The centre of ``bounds`` and the highest zoom (at most 16) at which they fit on the screen."""
    west, south, east, north = bounds
    x0, y0 = unit_square(west, north)
    x1, y1 = unit_square(east, south)
    span = max(x1 - x0, y1 - y0, 1e-9)
    zoom = max(0, min(FIT_MAX_ZOOM, math.floor(math.log2(FIT_VIEWPORT_TILES / span))))
    return View(tuple(bounds), (round((west + east) / 2, 6), round((south + north) / 2, 6)), zoom)


def locate(bounds, district):
    """The view of ``bounds`` (of features), else of the district, else of Korea centred on Seoul City Hall."""
    bounds = bounds or (district.boundary.extent if district else None)
    return view_of(bounds) if bounds else DEFAULT_VIEW


def attribution():
    return f"{ATTRIBUTION}; {BOUNDARY_ATTRIBUTION}"


def vector_layer(layer):
    return {
        "id": layer.name,
        "description": layer.description or layer.name,
        "minzoom": 0,
        "maxzoom": MAX_ZOOM,
        "fields": FIELDS,
    }


def tilejson(request, layer, user):
    view = locate(visible_bounds([layer], user), layer.map.district)
    return {
        "tilejson": "3.0.0",
        "name": layer.name,
        "description": layer.description or f"{layer.map.title} / {layer.name}",
        "version": "1.0.0",
        "scheme": "xyz",
        "tiles": [tile_url(request, "layer-tile", layer.revision, layer_id=layer.pk)],
        "minzoom": 0,
        "maxzoom": MAX_ZOOM,
        "bounds": list(view.bounds),
        "center": [*view.center, view.zoom],
        "vector_layers": [vector_layer(layer)],
        "attribution": attribution(),
    }
