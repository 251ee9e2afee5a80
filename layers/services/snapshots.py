"""The recorded state of a feature, as stored in its history and restored by a revert."""

import json

from django.contrib.gis.geos import GEOSGeometry


def snapshot(feature):
    return {
        "layer_id": feature.layer_id,
        "geometry": json.loads(feature.geometry.geojson),
        "category": feature.category.key,
        "title": feature.title,
        "summary": feature.summary,
        "properties": feature.properties,
        "status": feature.status,
        "author_id": feature.author_id,
        "district_id": feature.district_id,
        "created": feature.created.isoformat() if feature.created else None,
    }


def geometry_from_snapshot(state):
    return GEOSGeometry(json.dumps(state["geometry"]), srid=4326)
