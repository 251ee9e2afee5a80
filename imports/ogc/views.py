"""The endpoints of ``/ogc/``: thin functions from a request to a document, in JSON or HTML."""

from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.views.decorators.http import require_safe

from . import documents, query
from .errors import OgcError
from .openapi import openapi as openapi_document
from .parameters import items_query, only_format
from .responses import GEOJSON, OPENAPI, error_response, respond


def ogc_view(view):
    """GET/HEAD only; an ``OgcError`` becomes an OGC exception response."""

    @require_safe
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except OgcError as error:
            return error_response(error)

    return wrapped


def url_maker(request):
    def url(name, *args, **params):
        address = request.build_absolute_uri(reverse(name, args=args))
        return f"{address}?{urlencode(params)}" if params else address

    return url


@ogc_view
def landing(request):
    only_format(request.GET)
    return respond(request, documents.landing(url_maker(request)), "ogc/landing.html")


@ogc_view
def conformance(request):
    only_format(request.GET)
    return respond(request, documents.conformance(url_maker(request)), "ogc/conformance.html")


@ogc_view
def openapi(request):
    only_format(request.GET)
    ids = [str(pk) for pk in query.public_layers().values_list("pk", flat=True)]
    server = request.build_absolute_uri(reverse("ogc-landing")).rstrip("/")
    document = openapi_document(server, ids, settings.OGC_MAX_LIMIT)
    return respond(request, document, "ogc/openapi.html", media_type=OPENAPI)


@ogc_view
def collections(request):
    only_format(request.GET)
    url = url_maker(request)
    described = [documents.collection(url, layer, query.extent(layer)) for layer in query.public_layers()]
    return respond(request, documents.collections(url, described), "ogc/collections.html")


@ogc_view
def collection(request, collection_id):
    only_format(request.GET)
    layer = query.public_layer(collection_id)
    document = documents.collection(url_maker(request), layer, query.extent(layer))
    return respond(request, document, "ogc/collection.html")


@ogc_view
def items(request, collection_id):
    layer = query.public_layer(collection_id)
    wanted = items_query(request.GET, settings.OGC_MAX_LIMIT)
    features, matched = query.items(layer, wanted)
    url = url_maker(request)
    document = documents.items(url, layer, features, matched, wanted, query.feature_document)
    offsets = documents.neighbour_offsets(wanted, len(features), matched)
    pages = {rel: documents.page_url(url, layer, wanted, offset, "html") for rel, offset in offsets.items()}
    return respond(request, document, "ogc/items.html", media_type=GEOJSON, context={"layer": layer, "pages": pages})


@ogc_view
def item(request, collection_id, feature_id):
    only_format(request.GET)
    layer = query.public_layer(collection_id)
    feature = query.item(layer, feature_id)
    url = url_maker(request)
    document = query.feature_document(feature, documents.item_links(url, layer, feature))
    return respond(request, document, "ogc/item.html", media_type=GEOJSON, context={"layer": layer})
