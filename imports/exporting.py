"""What an export of a layer or a whole map holds: the features its requester may see, as they may see them.

Visibility is the API's (``feature_visibility_q``: published features, plus
what the requester wrote, reviews or handles), places and authors are the
privacy module's: sensitive reports at their blurred point unless the
requester is privileged for them (``with_visible_location``), authors as
"주민" unless named (``author_label``). A reviewer's export is a working file
of their district and keeps exact places; the public's never does. The
result is an ``ExportTable`` for the pure writers.
"""

import shapely
from django.utils import timezone

from layers.models import Feature
from layers.permissions import feature_visibility_q
from layers.privacy import author_label, with_visible_location

from .writers import ExportTable

BASE_COLUMNS = (
    "id",
    "category",
    "category_label",
    "title",
    "summary",
    "status",
    "author",
    "district",
    "votes",
    "created",
    "updated",
)
CHUNK = 2_000


def export_table(layers, user, name):
    """The features of ``layers`` (a list, all of one map the caller checked ``user`` may see) for ``user``.

    With several layers a ``layer`` column names each feature's layer.
    """
    layers = list(layers)
    field_keys = _field_keys(layers)
    columns = ("id", "layer", *BASE_COLUMNS[1:]) if len(layers) > 1 else BASE_COLUMNS
    columns = (*columns, *(key for key in field_keys if key not in columns))
    names = {layer.pk: layer.name for layer in layers}
    features = with_visible_location(
        Feature.objects.filter(layer__in=layers).filter(feature_visibility_q(user)), user, precision=7
    )
    features = features.select_related("category", "author", "district").order_by("layer__order", "layer_id", "pk")
    rows, geometries = [], []
    for feature in features.iterator(chunk_size=CHUNK):
        rows.append(_row(feature, user, names))
        geometries.append(feature.visible_geojson)
    return ExportTable(name, columns, rows, list(shapely.from_geojson(geometries)) if geometries else [])


def _field_keys(layers):
    keys = {}
    for layer in layers:
        keys.update(dict.fromkeys(definition["key"] for definition in layer.fields or ()))
    return list(keys)


def _row(feature, user, layer_names):
    row = {
        "id": feature.pk,
        "layer": layer_names[feature.layer_id],
        "category": feature.category.key,
        "category_label": feature.category.label_ko,
        "title": feature.title,
        "summary": feature.summary,
        "status": feature.status,
        "author": author_label(user, feature.author, feature.district_id, privileged=feature.viewer_privileged),
        "district": feature.district.name_ko if feature.district else None,
        "votes": feature.vote_count,
        "created": timezone.localtime(feature.created).isoformat(timespec="seconds"),
        "updated": timezone.localtime(feature.updated).isoformat(timespec="seconds"),
    }
    for key, value in (feature.properties or {}).items():
        row.setdefault(key, value)
    return row
