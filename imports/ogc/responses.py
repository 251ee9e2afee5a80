"""JSON or HTML for each OGC resource (``f=json|html``, else the ``Accept`` header), errors as OGC exceptions."""

import json

from django.http import HttpResponse
from django.shortcuts import render

from .errors import OgcError

JSON = "application/json"
GEOJSON = "application/geo+json"
HTML = "text/html"
OPENAPI = "application/vnd.oai.openapi+json;version=3.0"
FORMATS = {"json": JSON, "geojson": GEOJSON, "html": HTML}


def wants_html(request):
    chosen = request.GET.get("f")
    if chosen:
        if chosen not in FORMATS:
            raise OgcError(400, "InvalidParameterValue", f"Unknown format f={chosen}; use json or html.")
        return chosen == "html"
    accept = request.headers.get("Accept", "")
    return HTML in accept and JSON not in accept and GEOJSON not in accept


def respond(request, document, template, media_type=JSON, context=None):
    if wants_html(request):
        response = render(request, template, {"document": document, **(context or {})})
    else:
        body = json.dumps(document, ensure_ascii=False, default=str)
        response = HttpResponse(body, content_type=f"{media_type}; charset=utf-8")
    return public(response)


def public(response):
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=60"
    return response


def error_response(error):
    body = json.dumps({"code": error.code, "description": error.description}, ensure_ascii=False)
    response = HttpResponse(body, status=error.status, content_type=f"{JSON}; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    return response


def link(href, rel, media_type, title=""):
    found = {"href": href, "rel": rel, "type": media_type}
    if title:
        found["title"] = title
    return found


def self_links(url_for, media_type, title):
    """``self`` in the format asked for and ``alternate`` in the other one (JSON and HTML)."""
    return [
        link(url_for("json"), "self", media_type, title),
        link(url_for("html"), "alternate", HTML, f"{title} (HTML)"),
    ]
