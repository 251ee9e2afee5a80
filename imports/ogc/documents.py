"""The JSON documents of OGC API – Features Part 1: landing page, conformance, collections and their items.

Each builder takes ``url`` (a function from a route name, its arguments and
query parameters to an absolute URL) so the documents link to themselves
without knowing about requests.
"""

from django.utils import timezone

from .responses import GEOJSON, HTML, JSON, OPENAPI, link, self_links

CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
GREGORIAN = "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian"
CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
]
TITLE = "Urban-Life Map (도시 생활 지도) – OGC API Features"


def landing(url):
    return {
        "title": TITLE,
        "description": "Published reports of the public theme maps of Urban-Life Map. Sensitive places are "
        "blurred and no author is named.",
        "links": [
            *self_links(lambda f: url("ogc-landing", f=f), JSON, "This document"),
            link(url("ogc-openapi", f="json"), "service-desc", OPENAPI, "The API definition (OpenAPI 3.0)"),
            link(url("ogc-openapi", f="html"), "service-doc", HTML, "The API documentation"),
            link(url("ogc-conformance", f="json"), "conformance", JSON, "Conformance classes"),
            link(url("ogc-conformance", f="json"), "http://www.opengis.net/def/rel/ogc/1.0/conformance", JSON),
            link(url("ogc-collections", f="json"), "data", JSON, "The collections"),
            link(url("ogc-collections", f="json"), "http://www.opengis.net/def/rel/ogc/1.0/data", JSON),
        ],
    }


def conformance(url):
    return {
        "conformsTo": CONFORMANCE,
        "links": self_links(lambda f: url("ogc-conformance", f=f), JSON, "Conformance classes"),
    }


def collection(url, layer, extent):
    box, interval = extent
    collection_id = str(layer.pk)
    document = {
        "id": collection_id,
        "title": f"{layer.map.title} – {layer.name}",
        "description": layer.description or layer.map.description,
        "itemType": "feature",
        "crs": [CRS84],
        "storageCrs": CRS84,
        "links": [
            *self_links(lambda f: url("ogc-collection", collection_id, f=f), JSON, layer.name),
            link(url("ogc-items", collection_id, f="json"), "items", GEOJSON, f"{layer.name} (GeoJSON)"),
            link(url("ogc-items", collection_id, f="html"), "items", HTML, f"{layer.name} (HTML)"),
        ],
    }
    extent_document = {}
    if box:
        extent_document["spatial"] = {"bbox": [list(box)], "crs": CRS84}
    if interval:
        extent_document["temporal"] = {"interval": [[moment.isoformat() for moment in interval]], "trs": GREGORIAN}
    if extent_document:
        document["extent"] = extent_document
    return document


def collections(url, described):
    return {
        "links": self_links(lambda f: url("ogc-collections", f=f), JSON, "The collections"),
        "collections": described,
    }


def page_url(url, layer, query, offset, f="json"):
    """The address of the page of ``query`` that starts at ``offset``."""
    params = {}
    if query.bbox:
        params["bbox"] = ",".join(f"{value:g}" for value in query.bbox)
    if query.datetime:
        params["datetime"] = query.datetime
    return url("ogc-items", str(layer.pk), f=f, limit=query.limit, offset=offset, **params)


def neighbour_offsets(query, returned, matched):
    """{"next": offset, "prev": offset} of the pages around this one that exist."""
    offsets = {}
    if query.offset + returned < matched:
        offsets["next"] = query.offset + query.limit
    if query.offset > 0:
        offsets["prev"] = max(query.offset - query.limit, 0)
    return offsets


def items(url, layer, features, matched, query, feature_document):
    links = [
        link(page_url(url, layer, query, query.offset), "self", GEOJSON, "This page"),
        link(page_url(url, layer, query, query.offset, "html"), "alternate", HTML, "This page (HTML)"),
        link(url("ogc-collection", str(layer.pk), f="json"), "collection", JSON, layer.name),
    ]
    titles = {"next": "Next page", "prev": "Previous page"}
    for rel, offset in neighbour_offsets(query, len(features), matched).items():
        links.append(link(page_url(url, layer, query, offset), rel, GEOJSON, titles[rel]))
    return {
        "type": "FeatureCollection",
        "features": [feature_document(feature, item_links(url, layer, feature)) for feature in features],
        "numberMatched": matched,
        "numberReturned": len(features),
        "timeStamp": timezone.now().isoformat(timespec="seconds"),
        "links": links,
    }


def item_links(url, layer, feature):
    collection_id, feature_id = str(layer.pk), str(feature.pk)
    return [
        *self_links(lambda f: url("ogc-item", collection_id, feature_id, f=f), GEOJSON, feature.title),
        link(url("ogc-collection", collection_id, f="json"), "collection", JSON, layer.name),
    ]
