"""What the map page's script needs to know, as one JSON-ready dict (written with ``json_script``)."""

from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from layers.api.layers import serialize_layer

LAYER_KEYS = ("id", "name", "description", "geometry_kinds", "moderation", "categories", "fields")


def layer_context(layer):
    serialized = serialize_layer(layer)
    return {key: serialized[key] for key in LAYER_KEYS}


def data_downloads(map_):
    """Links to the whole map's data in each export format (what the requester may see; imports.api)."""
    url = reverse("api-v1:map-export", args=[map_.pk])
    formats = [
        ("geojson", "", "GeoJSON"),
        ("csv", "", _("CSV for spreadsheets")),
        ("shp", "cp949", _("Shapefile (CP949)")),
        ("shp", "utf-8", _("Shapefile (UTF-8)")),
        ("gpkg", "", "GeoPackage"),
        ("kml", "", "KML"),
    ]
    return [
        {"label": label, "url": f"{url}?format={key}" + (f"&encoding={encoding}" if encoding else "")}
        for key, encoding, label in formats
    ]


def import_links(map_, user, layers):
    """The import page of each layer, for the map's owner, editors and admins."""
    if not map_.is_managed_by(user):
        return []
    return [{"layer": layer.name, "url": reverse("import-upload", args=[layer.pk])} for layer in layers]


def map_page_context(request, map_, *, read_only=False):
    user = request.user
    layers = map_.layers.prefetch_related("categories").order_by("order", "pk")
    return {
        "map": {
            "id": map_.pk,
            "title": map_.title,
            "kind": map_.kind,
            "pageUrl": request.build_absolute_uri(reverse("map-view", args=[map_.pk])),
            "embedUrl": request.build_absolute_uri(reverse("map-embed", args=[map_.pk])),
            "exportUrl": reverse("map-export-html", args=[map_.pk]),
            "styleUrl": reverse("map-style", kwargs={"map_id": map_.pk}),
            "downloads": data_downloads(map_),
            "ogcUrl": request.build_absolute_uri(reverse("ogc-landing")) if map_.visibility == "public" else None,
        },
        "imports": [] if read_only else import_links(map_, user, layers),
        "layers": [layer_context(layer) for layer in layers],
        "user": {"id": user.pk, "username": user.get_username()} if user.is_authenticated else None,
        "canAdd": not read_only and map_.accepts_features_from(user),
        "readOnly": read_only,
        "api": reverse("api-v1:api-root"),
        "csrfToken": get_token(request),
        "language": get_language(),
        "loginUrl": f"{reverse('login')}?next={reverse('map-view', args=[map_.pk])}",
        "featureUrl": reverse("feature-page", args=[0]),
    }
