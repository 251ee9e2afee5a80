"""The OpenAPI 3.0 definition of ``/ogc/`` (conformance class OpenAPI 3.0), with the collections as an enum."""

from .documents import TITLE
from .parameters import DEFAULT_LIMIT
from .responses import GEOJSON, HTML, JSON


def _parameter(name, description, schema, where="query", required=False, **extra):
    return {"name": name, "in": where, "description": description, "required": required, "schema": schema, **extra}


def _responses(media_types, description):
    return {
        "200": {"description": description, "content": {media: {} for media in media_types}},
        "400": {
            "description": "A parameter is invalid",
            "content": {JSON: {"schema": {"$ref": "#/components/schemas/exception"}}},
        },
        "404": {"description": "Not found", "content": {JSON: {"schema": {"$ref": "#/components/schemas/exception"}}}},
    }


def _get(summary, operation_id, parameters, media_types, description):
    return {
        "get": {
            "summary": summary,
            "operationId": operation_id,
            "parameters": parameters,
            "responses": _responses(media_types, description),
        }
    }


def openapi(server_url, collection_ids, max_limit):
    f = _parameter("f", "The format of the response", {"type": "string", "enum": ["json", "html"]})
    collection = _parameter(
        "collectionId",
        "A layer of a public map",
        {"type": "string", "enum": collection_ids},
        where="path",
        required=True,
    )
    feature = _parameter("featureId", "A feature's id", {"type": "string"}, where="path", required=True)
    items = [
        collection,
        _parameter(
            "bbox",
            "west,south,east,north in CRS84 (or six numbers with heights)",
            {"type": "array", "minItems": 4, "maxItems": 6, "items": {"type": "number"}},
            style="form",
            explode=False,
        ),
        _parameter(
            "limit",
            f"Features per page (at most {max_limit})",
            {"type": "integer", "minimum": 1, "maximum": max_limit, "default": DEFAULT_LIMIT},
        ),
        _parameter("offset", "How many features to skip", {"type": "integer", "minimum": 0, "default": 0}),
        _parameter(
            "datetime",
            "An RFC 3339 instant or interval (../end, start/..) of the report's creation",
            {"type": "string"},
        ),
        f,
    ]
    return {
        "openapi": "3.0.3",
        "info": {"title": TITLE, "version": "1.0", "description": "OGC API – Features Part 1 of Urban-Life Map."},
        "servers": [{"url": server_url}],
        "paths": {
            "/": _get("Landing page", "getLandingPage", [f], [JSON, HTML], "Links to the API"),
            "/conformance": _get("Conformance classes", "getConformance", [f], [JSON, HTML], "The classes implemented"),
            "/api": _get(
                "This API definition", "getApi", [f], ["application/vnd.oai.openapi+json;version=3.0", HTML], "OpenAPI"
            ),
            "/collections": _get("The collections", "getCollections", [f], [JSON, HTML], "The public layers"),
            "/collections/{collectionId}": _get(
                "A collection", "describeCollection", [collection, f], [JSON, HTML], "A layer"
            ),
            "/collections/{collectionId}/items": _get(
                "Its features", "getFeatures", items, [GEOJSON, HTML], "A page of features"
            ),
            "/collections/{collectionId}/items/{featureId}": _get(
                "One feature", "getFeature", [collection, feature, f], [GEOJSON, HTML], "A feature"
            ),
        },
        "components": {
            "schemas": {
                "exception": {
                    "type": "object",
                    "required": ["code"],
                    "properties": {"code": {"type": "string"}, "description": {"type": "string"}},
                }
            }
        },
    }
