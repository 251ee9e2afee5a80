"""A feature's history as one viewer may read it: the same privacy as the feature itself (``layers.privacy``).

The history is open to the map's owner and editors too, who are not
privileged. For them a feature that is, or ever was, in a sensitive category
(or in a category that no longer exists) shows every recorded geometry
blurred: its places over time would otherwise give the exact one away. The
author's id is left out of the recorded states and the author's own changes are
signed "주민", unless the author chose to show their name. Privileged viewers
(the author, the district's reviewers, admins) read the history as recorded.
"""

from mapping.models import User

from .models import Category, Feature
from .privacy import author_label, blurred_geojson, is_privileged, shows_author_name


def _recorded(changes):
    """Every recorded state of ``changes`` as ((change id, "old" or "new"), state)."""
    return [
        ((change.pk, side), state)
        for change in changes
        for side, state in (("old", change.old), ("new", change.new))
        if state
    ]


def _ever_sensitive(feature_id, states):
    recorded = {(state["layer_id"], state["category"]) for state in states}
    known = {
        (layer_id, key): sensitive
        for layer_id, key, sensitive in Category.objects.filter(
            layer_id__in={layer_id for layer_id, _ in recorded}
        ).values_list("layer_id", "key", "sensitive")
    }
    if any(known.get(category, True) for category in recorded):
        return True
    return Feature.objects.filter(pk=feature_id, category__sensitive=True).exists()


def _places(feature_id, recorded):
    """The geometry to show of each recorded state: all blurred when the feature is or was sensitive."""
    states = [state for _, state in recorded]
    if not _ever_sensitive(feature_id, states):
        return {where: state["geometry"] for where, state in recorded}
    blurred = blurred_geojson([state["geometry"] for state in states])
    return {where: geometry for (where, _), geometry in zip(recorded, blurred, strict=True)}


def _signature(viewer, change, author, district_id):
    if change.user is None:
        return None
    if author is not None and change.user_id == author.pk:
        return author_label(viewer, author, district_id, privileged=False)
    return change.user.username


def _entry(change, user, old, new):
    return {
        "id": change.pk,
        "action": change.action,
        "user": user,
        "at": change.at,
        "version": change.version,
        "old": old,
        "new": new,
    }


def history_entries(viewer, changes):
    """The entries of one feature's history (``changes``: newest first, at least one) as ``viewer`` may read them."""
    latest = changes[0].new or changes[0].old
    author_id, district_id = latest["author_id"], latest["district_id"]
    if is_privileged(viewer, author_id, district_id):
        return [_entry(c, c.user.username if c.user else None, c.old, c.new) for c in changes]
    author = User.objects.filter(pk=author_id).first() if author_id else None
    named = shows_author_name(viewer, author, district_id, privileged=False)
    places = _places(changes[0].feature_id, _recorded(changes))

    def redact(change, side, state):
        if state is None:
            return None
        return {**state, "geometry": places[change.pk, side], "author_id": state["author_id"] if named else None}

    return [
        _entry(
            change,
            _signature(viewer, change, author, district_id),
            redact(change, "old", change.old),
            redact(change, "new", change.new),
        )
        for change in changes
    ]
