"""The MapLibre style document (version 8) of a theme map, drawn only from the app's own tiles.

A basemap of districts and buildings (2D, plus a 3D extrusion the page can
switch on) under one vector source per map layer. Every map layer gets a
polygon, a line and a point style layer, whatever geometry kinds it allows
now, so a feature drawn before its kind was disallowed still shows. Across
the map, polygons lie under lines and lines under points, so a point is never
hidden by another layer's area. The legend and the ids of each map layer's
style layers are in ``metadata`` for the page's layer switcher. The style
opens on the map's district, else on the features the requester may see.

A production site may put an external raster basemap under it all with the
``EXTERNAL_BASEMAP_TILES`` setting; by default nothing comes from another host.

There are no text labels: labels need a ``glyphs`` server and the app does not
serve glyph PBFs yet (no CDN may be used), so district names are left to the
page (the ``district_labels`` source layer holds one point per district).
"""

from django.conf import settings

from mapping.district_names import BOUNDARY_ATTRIBUTION

from .lookups import source_revision
from .tilejson import ATTRIBUTION, locate, tile_url, view_of, visible_bounds
from .tilemath import BUILDINGS_MIN_ZOOM, MAX_ZOOM

BACKGROUND = "#f4f1ea"
FALLBACK_COLOR = "#7f8c8d"
PENDING_OPACITY = 0.5
BUILDINGS_3D = "buildings-3d"

STACKING = {"polygons": 0, "lines": 1, "points": 2}
POINTS = ["match", ["geometry-type"], ["Point", "MultiPoint"], True, False]
LINES = ["match", ["geometry-type"], ["LineString", "MultiLineString"], True, False]
POLYGONS = ["match", ["geometry-type"], ["Polygon", "MultiPolygon"], True, False]


def source_id(layer):
    return f"layer-{layer.pk}"


def vector_source(url, minzoom=0, attribution=None):
    source = {"type": "vector", "tiles": [url], "minzoom": minzoom, "maxzoom": MAX_ZOOM}
    return {**source, "attribution": attribution} if attribution else source


def external_basemap():
    """The raster basemap a production site may add (``EXTERNAL_BASEMAP_TILES``); none by default."""
    if not settings.EXTERNAL_BASEMAP_TILES:
        return {}, []
    source = {
        "type": "raster",
        "tiles": [settings.EXTERNAL_BASEMAP_TILES],
        "tileSize": 256,
        "attribution": settings.EXTERNAL_BASEMAP_ATTRIBUTION,
    }
    return {"external-basemap": source}, [{"id": "external-basemap", "type": "raster", "source": "external-basemap"}]


def basemap_sources(request):
    return {
        **external_basemap()[0],
        "districts": vector_source(
            tile_url(request, "district-tile", source_revision("districts")), attribution=BOUNDARY_ATTRIBUTION
        ),
        "buildings": vector_source(
            tile_url(request, "building-tile", source_revision("buildings")), minzoom=BUILDINGS_MIN_ZOOM
        ),
    }


def basemap_layers():
    return [
        {"id": "background", "type": "background", "paint": {"background-color": BACKGROUND}},
        *external_basemap()[1],
        {
            "id": "districts-fill",
            "type": "fill",
            "source": "districts",
            "source-layer": "districts",
            "paint": {"fill-color": "#e9e4d6", "fill-opacity": 0.6},
        },
        {
            "id": "districts-outline",
            "type": "line",
            "source": "districts",
            "source-layer": "districts",
            "paint": {
                "line-color": "#8a8577",
                "line-width": ["interpolate", ["linear"], ["zoom"], 9, 0.8, 15, 2.0],
                "line-dasharray": [3, 2],
            },
        },
        {
            "id": "buildings",
            "type": "fill",
            "source": "buildings",
            "source-layer": "buildings",
            "minzoom": BUILDINGS_MIN_ZOOM,
            "paint": {"fill-color": "#d9d2c5", "fill-outline-color": "#b9b0a0"},
        },
        {
            "id": BUILDINGS_3D,
            "type": "fill-extrusion",
            "source": "buildings",
            "source-layer": "buildings",
            "minzoom": BUILDINGS_MIN_ZOOM,
            "layout": {"visibility": "none"},
            "paint": {
                "fill-extrusion-color": "#d9d2c5",
                "fill-extrusion-height": ["coalesce", ["get", "height"], 0],
                "fill-extrusion-base": 0,
                "fill-extrusion-opacity": 0.85,
            },
        },
    ]


def category_color(categories):
    """``match`` on the category key to its colour; a single colour when there is nothing to match."""
    if not categories:
        return FALLBACK_COLOR
    pairs = [value for category in categories for value in (category.key, category.color)]
    return ["match", ["get", "category"], *pairs, FALLBACK_COLOR]


def by_status(published, other):
    """Published features in full, the pending or hidden ones an author or reviewer sees fainter."""
    return ["match", ["get", "status"], "published", published, other]


def feature_layers(layer):
    """The (kind, style layer) pairs of one map layer, kind being ``polygons``, ``lines`` or ``points``."""
    color = category_color(list(layer.categories.all()))
    common = {"source": source_id(layer), "source-layer": layer.name}
    prefix = source_id(layer)
    return [
        (
            "polygons",
            {
                "id": f"{prefix}-fill",
                "type": "fill",
                **common,
                "filter": POLYGONS,
                "paint": {"fill-color": color, "fill-opacity": by_status(0.35, 0.35 * PENDING_OPACITY)},
            },
        ),
        (
            "polygons",
            {
                "id": f"{prefix}-outline",
                "type": "line",
                **common,
                "filter": POLYGONS,
                "paint": {"line-color": color, "line-width": 1.5, "line-opacity": by_status(1, PENDING_OPACITY)},
            },
        ),
        (
            "lines",
            {
                "id": f"{prefix}-line",
                "type": "line",
                **common,
                "filter": LINES,
                "layout": {"line-cap": "round", "line-join": "round"},
                "paint": {
                    "line-color": color,
                    "line-width": ["interpolate", ["linear"], ["zoom"], 10, 2, 17, 5],
                    "line-opacity": by_status(1, PENDING_OPACITY),
                },
            },
        ),
        (
            "points",
            {
                "id": f"{prefix}-circle",
                "type": "circle",
                **common,
                "filter": POINTS,
                "paint": {
                    "circle-color": color,
                    "circle-radius": ["interpolate", ["linear"], ["zoom"], 10, 3, 16, 7],
                    "circle-stroke-color": "#ffffff",
                    "circle-stroke-width": 1,
                    "circle-opacity": by_status(0.9, PENDING_OPACITY),
                },
            },
        ),
    ]


def legend_entry(layer, style_layers):
    return {
        "layer_id": layer.pk,
        "name": layer.name,
        "source": source_id(layer),
        "style_layers": [style_layer["id"] for _, style_layer in style_layers],
        "categories": [
            {"key": c.key, "label_ko": c.label_ko, "label_en": c.label_en, "color": c.color}
            for c in layer.categories.all()
        ],
    }


def stacked(per_layer):
    """Polygons of every map layer first, then lines, then points; map layer order within each kind."""
    pairs = sorted((pair for pairs in per_layer for pair in pairs), key=lambda pair: STACKING[pair[0]])
    return [style_layer for _, style_layer in pairs]


def map_view(map_, layers, user):
    """A district's map opens on its district, a frame residents know; any other map on its features."""
    if map_.district:
        return view_of(map_.district.boundary.extent)
    return locate(visible_bounds(layers, user), None)


def map_style(request, map_, layers, user):
    """The style of ``map_`` as ``user`` sees it."""
    per_layer = {layer.pk: feature_layers(layer) for layer in layers}
    view = map_view(map_, layers, user)
    return {
        "version": 8,
        "name": map_.title,
        "metadata": {
            "urbanlife:map": {"id": map_.pk, "title": map_.title},
            "urbanlife:layers": [layer.pk for layer in layers],
            "urbanlife:legend": [legend_entry(layer, per_layer[layer.pk]) for layer in layers],
            "urbanlife:toggles": {"3d": [BUILDINGS_3D]},
        },
        "center": list(view.center),
        "zoom": view.zoom,
        "sources": {
            **basemap_sources(request),
            **{
                source_id(layer): vector_source(
                    tile_url(request, "layer-tile", layer.revision, layer_id=layer.pk), attribution=ATTRIBUTION
                )
                for layer in layers
            },
        },
        "layers": basemap_layers() + stacked(per_layer.values()),
    }
