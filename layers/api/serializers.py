"""GeoJSON output of features: one feature, or a page of them as a FeatureCollection."""

import json

from django.contrib.gis.db.models.functions import AsGeoJSON
from django.db.models import Exists, OuterRef, Value

from ..models import Vote
from ..permissions import can_moderate


def show_author(user, feature):
    """Authors are named only to themselves, reviewers and admins: reports can be sensitive."""
    return user.is_authenticated and (feature.author_id == user.pk or can_moderate(user, feature.district_id))


def serialize_photo(photo):
    return {
        "id": photo.pk,
        "url": photo.image.url,
        "thumbnail": photo.thumbnail.url,
        "width": photo.width,
        "height": photo.height,
        "caption": photo.caption,
        "created": photo.created,
    }


def voted_by(user):
    """An annotation: whether ``user`` voted for each feature (one subquery, not one query per feature)."""
    if not user.is_authenticated:
        return Value(False)
    return Exists(Vote.objects.filter(feature=OuterRef("pk"), user=user))


def has_voted(feature, user):
    """The ``voted`` annotation when the feature carries it, else one query."""
    if not user.is_authenticated:
        return False
    annotated = getattr(feature, "voted", None)
    return feature.votes.filter(user=user).exists() if annotated is None else annotated


def serialize_feature(feature, user, geometry_json=None):
    geometry = json.loads(geometry_json or feature.geometry.geojson)
    return {
        "type": "Feature",
        "id": feature.pk,
        "geometry": geometry,
        "properties": {
            "layer": feature.layer_id,
            "category": feature.category.key,
            "title": feature.title,
            "summary": feature.summary,
            "fields": feature.properties,
            "status": feature.status,
            "district": feature.district.code if feature.district else None,
            "author": feature.author.username if feature.author and show_author(user, feature) else None,
            "mine": user.is_authenticated and feature.author_id == user.pk,
            "version": feature.version,
            "votes": feature.vote_count,
            "voted": has_voted(feature, user),
            "created": feature.created.isoformat(),
            "updated": feature.updated.isoformat(),
            "photos": [serialize_photo(photo) for photo in feature.photos.all()],
        },
    }


def with_geojson(queryset):
    """Let PostGIS write the geometry as GeoJSON (7 decimals ≈ 1 cm) instead of GEOS per row."""
    return queryset.annotate(geometry_json=AsGeoJSON("geometry", precision=7))


def feature_collection(features, user, *, matched, links):
    page = features.annotate(voted=voted_by(user))
    items = [serialize_feature(f, user, geometry_json=f.geometry_json) for f in page]
    return {
        "type": "FeatureCollection",
        "features": items,
        "numberMatched": matched,
        "numberReturned": len(items),
        "links": links,
    }
