"""A theme map as one standalone HTML file, drawn by folium and Leaflet, that opens with no network at all.

Pure Python, no Django: the caller hands over only what the requester may see
(layers, features, district outlines) and Leaflet's own JS and CSS text, and
gets the page back. Nothing in the page is fetched: Leaflet, the style and the
script are inlined, there is no tile server (the districts are the base map),
points are circle markers (no marker images) and Leaflet's CSS image rules are
dropped. User text reaches the page only as escaped HTML or as JSON that the
page script sets with ``textContent``.
"""

import html
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

import folium
from folium.utilities import JsCode

from .standalone_export_assets import PAGE_CSS, PAGE_JS
from .standalone_export_elements import FitView, InlineAssets, PageChrome, StandaloneFigure

SEOUL_CITY_HALL = (37.5665, 126.978)
FALLBACK_COLOR = "#7f8c8d"
COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
SUMMARY_LENGTH = 280
DISTRICT_STYLE = {"color": "#5f6672", "weight": 1.5, "dashArray": "6 4", "fillColor": "#f7f5f0", "fillOpacity": 0.9}
DRAWING_ORDER = {"Polygon": 0, "MultiPolygon": 0, "LineString": 1, "MultiLineString": 1}  # points last, on top
# Leaflet's CSS points at images/*.png (marker icons, the collapsed layer control): nothing here shows them.
CSS_URL_DECLARATION = re.compile(r"[\w-]+\s*:[^;{}]*url\(\s*['\"]?(?!data:|#)[^)]*\)[^;{}]*;?")
SOURCE_MAP_COMMENT = re.compile(r"^//# sourceMappingURL=.*$", re.MULTILINE)
VIEWPORT = re.compile(r'<meta name="viewport"[^>]*>')
ZOOMABLE_VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1.0">'


@dataclass(frozen=True)
class ExportCategory:
    key: str
    label: str
    color: str


@dataclass(frozen=True)
class ExportLayer:
    id: int
    name: str
    categories: Sequence[ExportCategory] = ()


@dataclass(frozen=True)
class ExportFeature:
    id: int
    layer_id: int
    category: str
    geometry: dict
    title: str
    summary: str
    status: str
    votes: int


@dataclass(frozen=True)
class Texts:
    """The page's own words; the caller passes them translated."""

    category: str = "Category"
    status: str = "Status"
    votes: str = "공감 (agree)"
    open_page: str = "Open its page on Urban-Life Map"
    legend: str = "Legend"
    exported: str = "Exported from Urban-Life Map on %(date)s"


@dataclass(frozen=True)
class StandaloneMap:
    """What the page shows. ``basemap`` is a GeoJSON FeatureCollection of districts with ``properties.name``;
    ``feature_url`` is the site's feature page address with ``{id}`` in place of the feature's id."""

    title: str
    layers: Sequence[ExportLayer]
    features: Sequence[ExportFeature]
    basemap: dict
    generated_at: datetime
    source_url: str
    feature_url: str
    count_text: str
    language: str = "ko"
    texts: Texts = field(default_factory=Texts)


@dataclass(frozen=True)
class LeafletAssets:
    js: str
    css: str


class OfflineMap(folium.Map):
    """A folium map that links no library: its only one, Leaflet, is inlined by :class:`InlineAssets`."""

    default_js = []
    default_css = []


def offline_css(css):
    """The stylesheet without declarations that load a file (``url(...)`` other than ``data:`` and ``#``)."""
    return CSS_URL_DECLARATION.sub("", css)


def inline_script(js):
    """Script text safe inside ``<script>``: no source map request, no early ``</script>``."""
    return re.sub(r"</(script)", r"<\\/\1", SOURCE_MAP_COMMENT.sub("", js), flags=re.IGNORECASE)


def safe_color(color):
    return color if COLOR.match(color or "") else FALLBACK_COLOR


def feature_style(kind, color):
    if kind in ("Point", "MultiPoint"):
        return {"color": "#ffffff", "weight": 2, "fill": True, "fillColor": color, "fillOpacity": 0.95, "radius": 7}
    if kind in ("LineString", "MultiLineString"):
        return {"color": color, "weight": 5, "opacity": 0.9}
    return {"color": color, "weight": 2, "fillColor": color, "fillOpacity": 0.35}


def shortened(text):
    return text if len(text) <= SUMMARY_LENGTH else text[: SUMMARY_LENGTH - 1].rstrip() + "…"


def feature_collection(features, categories):
    """GeoJSON of one layer's features with what the popup shows, polygons first and points last."""
    ordered = sorted(features, key=lambda feature: DRAWING_ORDER.get(feature.geometry["type"], 2))
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": feature.id,
                "geometry": feature.geometry,
                "properties": {
                    "title": feature.title,
                    "category": categories[feature.category].label
                    if feature.category in categories
                    else feature.category,
                    "status": feature.status,
                    "summary": shortened(feature.summary),
                    "votes": feature.votes,
                },
            }
            for feature in ordered
        ],
    }


def add_layer(folium_map, layer, features):
    """One toggleable group per map layer, its features coloured by category, a text-only popup on each."""
    group = folium.FeatureGroup(name=html.escape(layer.name)).add_to(folium_map)  # Leaflet sets names as HTML
    if not features:
        return None
    categories = {category.key: category for category in layer.categories}
    colors = {
        feature.id: safe_color(categories[feature.category].color if feature.category in categories else None)
        for feature in features
    }
    collection = feature_collection(features, categories)
    folium.GeoJson(
        collection,
        control=False,
        marker=folium.CircleMarker(radius=7),
        style_function=lambda feature: feature_style(feature["geometry"]["type"], colors[feature["id"]]),
        on_each_feature=JsCode("urbanLifeExport.bindPopup"),
    ).add_to(group)
    return collection


def add_districts(folium_map, basemap):
    if basemap.get("features"):
        folium.GeoJson(
            basemap,
            control=False,
            interactive=False,
            style_function=lambda _feature: DISTRICT_STYLE,
            on_each_feature=JsCode("urbanLifeExport.labelDistrict"),
        ).add_to(folium_map)


def positions(geometry):
    """Every (lon, lat) of a GeoJSON geometry, collections included."""
    if geometry["type"] == "GeometryCollection":
        for member in geometry["geometries"]:
            yield from positions(member)
        return
    stack = [geometry["coordinates"]]
    while stack:
        coordinates = stack.pop()
        if coordinates and isinstance(coordinates[0], int | float):
            yield coordinates
        else:
            stack.extend(coordinates)


def bounds(features):
    """``[[south, west], [north, east]]`` of GeoJSON features, or None when they have no position."""
    points = [position for feature in features for position in positions(feature["geometry"])]
    if not points:
        return None
    lons, lats = [point[0] for point in points], [point[1] for point in points]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def fit(folium_map, collections, basemap):
    """Fit the features, or the districts when there are none."""
    features = [feature for collection in collections for feature in collection["features"]]
    box = bounds(features or basemap.get("features", []))
    if box:
        options = {"padding": [48, 48], "maxZoom": 17, "animate": False}
        folium_map.add_child(FitView(bounds=box, options=options))


def legend(layers):
    return [
        {
            "name": layer.name,
            "categories": [
                {"label": category.label, "color": safe_color(category.color)} for category in layer.categories
            ],
        }
        for layer in layers
    ]


def page_config(content):
    texts = content.texts
    return {
        "featureUrl": content.feature_url,
        "texts": {
            "category": texts.category,
            "status": texts.status,
            "votes": texts.votes,
            "openPage": texts.open_page,
        },
    }


def standalone_map_html(content: StandaloneMap, leaflet: LeafletAssets) -> str:
    """The whole page as one string of HTML."""
    figure = StandaloneFigure(title=content.title, lang=content.language)
    folium_map = OfflineMap(location=SEOUL_CITY_HALL, zoom_start=12, tiles=None, control_scale=True)
    figure.add_child(folium_map)
    folium_map.add_child(
        InlineAssets(
            leaflet_js=inline_script(leaflet.js),
            leaflet_css=offline_css(leaflet.css),
            page_js=PAGE_JS,
            page_css=PAGE_CSS,
            config=page_config(content),
        )
    )
    add_districts(folium_map, content.basemap)
    by_layer = defaultdict(list)
    for feature in content.features:
        by_layer[feature.layer_id].append(feature)
    collections = [add_layer(folium_map, layer, by_layer[layer.id]) for layer in content.layers]
    fit(folium_map, [collection for collection in collections if collection], content.basemap)
    folium_map.add_child(
        PageChrome(
            title=content.title,
            legend_title=content.texts.legend,
            layers=legend(content.layers),
            exported=content.texts.exported % {"date": content.generated_at.strftime("%Y-%m-%d")},
            source_url=content.source_url,
            count_text=content.count_text,
        )
    )
    folium.LayerControl(collapsed=False).add_to(folium_map)
    return VIEWPORT.sub(ZOOMABLE_VIEWPORT, figure.render())
