"""GeoJSON output of features: one feature, or a page of them as a FeatureCollection.

Places and authors go out through ``layers.privacy``: ``geometry`` is where the
caller may see the feature (blurred for sensitive categories unless they are
privileged; ``location_blurred`` says which), ``author`` the username or null
and ``author_label`` what a page shows ("주민" unless the author is named).
"""

import json

from django.db.models import Exists, OuterRef, Value

from ..models import Feature, Vote
from ..permissions import can_moderate
from ..privacy import author_label, shows_author_name, with_visible_location


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


def located(feature, user):
    """(GeoJSON text, blurred, privileged) of the feature for ``user``: from ``with_visible_location``'s annotations
    when the feature carries them, else read with one query."""
    if not hasattr(feature, "visible_geojson"):
        feature = with_visible_location(Feature.objects.filter(pk=feature.pk), user).get()
    return feature.visible_geojson, feature.location_blurred, feature.viewer_privileged


def serialize_feature(feature, user):
    geometry, blurred, privileged = located(feature, user)
    author, district_id = feature.author, feature.district_id
    return {
        "type": "Feature",
        "id": feature.pk,
        "geometry": json.loads(geometry),
        "properties": {
            "layer": feature.layer_id,
            "category": feature.category.key,
            "title": feature.title,
            "summary": feature.summary,
            "fields": feature.properties,
            "status": feature.status,
            "district": feature.district.code if feature.district else None,
            "author": author.username if shows_author_name(user, author, district_id, privileged=privileged) else None,
            "author_label": author_label(user, author, district_id, privileged=privileged),
            "location_blurred": blurred,
            "mine": user.is_authenticated and feature.author_id == user.pk,
            "version": feature.version,
            "votes": feature.vote_count,
            "voted": has_voted(feature, user),
            "created": feature.created.isoformat(),
            "updated": feature.updated.isoformat(),
            "photos": [serialize_photo(photo) for photo in feature.photos.all()],
            "handling": handling(feature, user),
        },
    }


def possible_duplicate_of(feature, user):
    """The open report this one may repeat, for the district's reviewers; asked only when there is one."""
    duplicate = feature.possible_duplicate_of_id
    return duplicate if duplicate and can_moderate(user, feature.district_id) else None


def handling(feature, user):
    """Where the district is with the report (None on layers it does not handle); reviewers also
    read which open report it may repeat."""
    if not feature.layer.workflow:
        return None
    return {
        "stage": feature.stage,
        "department": str(feature.department) if feature.department_id else None,
        "due_date": feature.due_date.isoformat() if feature.due_date else None,
        "answer_due": feature.answer_due.isoformat() if feature.answer_due else None,
        "answered": feature.answered_at is not None,
        "closed": feature.closed_at.isoformat() if feature.closed_at else None,
        "merged_into": feature.merged_into_id,
        "possible_duplicate_of": possible_duplicate_of(feature, user),
    }


def feature_collection(features, user, *, matched, links):
    """A page of ``features`` (a sliced queryset), each located for ``user`` by PostGIS in the same query."""
    page = with_visible_location(features, user).annotate(voted=voted_by(user))
    items = [serialize_feature(f, user) for f in page]
    return {
        "type": "FeatureCollection",
        "features": items,
        "numberMatched": matched,
        "numberReturned": len(items),
        "links": links,
    }
