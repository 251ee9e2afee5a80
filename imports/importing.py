"""Import a file into a layer: read it, plan it (the dry run), then write every feature in one transaction.

The fast path of a bulk import: the file is read and reprojected as arrays
(``imports.readers``), checked as arrays (``imports.plan``), placed in
districts with one spatial index query (shapely STRtree, the same rule as
``layers.services.features.district_for``), then the features are written
with COPY under a lock on the layer, and their history rows (``FeatureChange``,
as for any other write) are built from them by PostgreSQL
(``imports/sql/import_history.sql``). Statuses follow the layer's moderation.
Anything that fails inside the transaction rolls everything back and is
reported with the file line of the failing row (``ImportFailed``).
"""

import json
import re
import time
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import psycopg
import shapely
from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from layers.extra_fields import MAX_TEXT
from layers.models import Feature, FeatureStatus, Layer
from layers.models.history import ChangeAction
from mapping.models import District

from .bulk import Each, allocate_ids, copy_rows
from .detection import DetectionError
from .field_mapping import FieldMapping, is_template, map_category_values, suggest_mapping
from .layer_spec import CategorySpec, LayerSpec
from .plan import build_plan
from .presets import PresetError, load_presets
from .readers import Limits, ReaderError, read_file

COPY_LINE = re.compile(r"COPY \S+, line (\d+)")
HISTORY_SQL = (Path(__file__).resolve().parent / "sql" / "import_history.sql").read_text(encoding="utf-8")
MAX_LISTED_ERRORS = 200


class ImportFailed(Exception):
    """Nothing was imported; ``errors`` lists the rows at fault as {where, reason, detail}."""

    def __init__(self, message, errors=()):
        super().__init__(message)
        self.message = message
        self.errors = list(errors)[:MAX_LISTED_ERRORS]


@dataclass(frozen=True)
class Prepared:
    """A file read and planned for a layer: what the preview shows and the import writes."""

    data: object  # VectorData
    mapping: FieldMapping
    plan: object  # Plan
    preset: object  # Preset or None
    spec: LayerSpec


def limits():
    return Limits(
        max_uncompressed_bytes=settings.IMPORT_MAX_UNCOMPRESSED_BYTES,
        max_compression_ratio=settings.IMPORT_MAX_COMPRESSION_RATIO,
        max_rows=settings.IMPORT_MAX_ROWS,
    )


def presets():
    return load_presets(settings.IMPORT_PRESETS_DIRS)


def layer_spec(layer):
    """The layer's rules as plain data, for the pure mapping and plan."""
    return LayerSpec(
        geometry_kinds=tuple(layer.geometry_kinds),
        categories=tuple(CategorySpec(c.key, c.label_ko, c.label_en) for c in layer.categories.all()),
        fields=tuple(layer.fields or ()),
        extent=None if layer.map.allow_outside_korea else tuple(settings.KOREA_EXTENT),
        max_vertices=settings.FEATURE_MAX_VERTICES,
        name=layer.name,
        title_max=Feature._meta.get_field("title").max_length,
        summary_max=Feature._meta.get_field("summary").max_length,
        field_text_max=MAX_TEXT,
    )


def prepare(path, layer, options):
    """Read ``path`` and plan its import into ``layer`` with ``options`` (encoding, srid, layer, preset,
    mapping); raises ``ImportFailed`` when the file cannot be read."""
    preset = _preset(options.get("preset"))
    try:
        data = read_file(
            path,
            encoding=options.get("encoding") or (preset and preset.encoding),
            srid=options.get("srid") or (preset and preset.srid),
            layer=options.get("layer") or None,
            coordinates=preset and preset.coordinates,
            limits=limits(),
        )
    except (ReaderError, DetectionError) as exc:
        raise ImportFailed(str(exc)) from exc
    data = _credit_preset(data, options, preset)
    spec = layer_spec(layer)
    mapping = _mapping(options.get("mapping"), data, spec, preset)
    return Prepared(data, mapping, build_plan(data, mapping, spec), preset, spec)


def _credit_preset(data, options, preset):
    """Say "from the preset" where the preset, not the person, chose the encoding or the CRS."""
    if preset is None:
        return data
    reason = f"from the preset {preset.key}"
    if preset.encoding and not options.get("encoding"):
        data = replace(data, encoding=replace(data.encoding, reason=reason))
    if preset.srid and not options.get("srid"):
        data = replace(data, crs=replace(data.crs, reason=reason))
    return data


def _preset(key):
    if not key:
        return None
    try:
        found = presets()
    except PresetError as exc:
        raise ImportFailed(str(exc)) from exc
    if key not in found:
        raise ImportFailed(f"No import preset '{key}'; there are: {', '.join(found) or 'none'}.")
    return found[key]


def _mapping(given, data, spec, preset):
    """The suggested mapping, changed by what the person chose (``given``, as from ``FieldMapping.as_dict``)."""
    suggested = suggest_mapping(data.columns, data.rows, spec, preset)
    if not given:
        return suggested
    mapping = FieldMapping.from_dict({**suggested.as_dict(), **given})
    columns = set(data.columns)
    known_keys = {category.key for category in spec.categories}
    default = mapping.default_category if mapping.default_category in known_keys else spec.default_category
    category = mapping.category if mapping.category in columns else None
    chosen = {value: key for value, key in (given.get("category_values") or {}).items() if key in known_keys}
    return FieldMapping(
        title=mapping.title if mapping.title in columns or is_template(mapping.title) else None,
        summary=mapping.summary if mapping.summary in columns else None,
        category=category,
        category_values=map_category_values(data.rows, category, spec, chosen, default),
        default_category=default,
        fields={key: column for key, column in mapping.fields.items() if column in columns},
    )


def problems_as_errors(problems):
    return [{"where": p.where, "reason": p.reason, "detail": p.detail} for p in problems]


def run_import(path, layer, user, options, progress=None, timings=None):
    """Import ``path`` into ``layer`` as ``user``; returns the ``Prepared`` import. All or nothing.

    With ``options["strict"]`` a file with any row that cannot be imported
    imports nothing. ``progress(done, total)`` is told how far the writing got;
    ``timings``, a dict, gets the seconds of each phase (for bench/imports.py).
    """
    clock = _Clock(timings)
    prepared = prepare(path, layer, options)
    clock.lap("read and check")
    plan = prepared.plan
    if options.get("strict") and plan.skipped:
        raise ImportFailed(
            f"{len(plan.skipped)} of {plan.total} rows cannot be imported, and the import stops at any such row.",
            problems_as_errors(plan.skipped),
        )
    if plan.count == 0:
        raise ImportFailed("No row of the file can be imported.", problems_as_errors(plan.skipped))
    districts = assign_districts(plan.geometries, layer.map.district_id)
    clock.lap("districts")
    try:
        with transaction.atomic():
            _write(prepared, layer, user, districts, progress)
            clock.lap("write")
    except DatabaseError as exc:
        raise _database_failure(exc, prepared) from exc
    clock.lap("commit")
    return prepared


class _Clock:
    def __init__(self, timings):
        self.timings, self.last = timings, time.perf_counter()

    def lap(self, phase):
        now = time.perf_counter()
        if self.timings is not None:
            self.timings[phase] = now - self.last
        self.last = now


def assign_districts(geometries, fallback):
    """The district of each geometry: the first by code holding a point on its surface, else ``fallback``."""
    found = np.full(len(geometries), fallback, dtype=object)
    districts = list(District.objects.order_by("code").values_list("pk", "boundary"))
    if not districts or not len(geometries):
        return found.tolist()
    tree = shapely.STRtree(shapely.from_wkb([bytes(boundary.wkb) for _, boundary in districts]))
    points = shapely.point_on_surface(np.asarray(geometries, dtype=object))
    inside, district = tree.query(points, predicate="intersects")
    order = np.lexsort((district, inside))  # per geometry, the district of the lowest code first
    inside, district = inside[order], district[order]
    first = np.r_[True, inside[1:] != inside[:-1]] if len(inside) else np.array([], dtype=bool)
    ids = np.array([pk for pk, _ in districts], dtype=object)
    found[inside[first]] = ids[district[first]]
    return found.tolist()


def _write(prepared, layer, user, districts, progress):
    plan = prepared.plan
    locked = Layer.objects.select_for_update().get(pk=layer.pk)
    category_ids = dict(locked.categories.values_list("key", "pk"))
    missing = sorted(set(plan.categories) - set(category_ids))
    if missing:
        raise ImportFailed(f"The layer no longer has the categories {', '.join(missing)}; preview the import again.")
    now = timezone.now()
    status = FeatureStatus.PENDING if locked.is_pre_moderated else FeatureStatus.PUBLISHED
    author_id = user.pk if user is not None and user.is_authenticated else None
    count = plan.count
    ids = allocate_ids(Feature, count)
    geometries = shapely.to_wkb(np.asarray(plan.geometries, dtype=object), hex=True, include_srid=False)
    ewkb = ["SRID=4326;" + text for text in geometries]
    properties = [json.dumps(value, ensure_ascii=False) if value else "{}" for value in plan.properties]
    report = (lambda done: progress(done, count)) if progress else None
    copy_rows(
        Feature,
        {
            "id": Each(ids),
            "layer": locked.pk,
            "geometry": Each(ewkb),
            "category": Each([category_ids[key] for key in plan.categories]),
            "title": Each(plan.titles),
            "summary": Each(plan.summaries),
            "properties": Each(properties),
            "author": author_id,
            "district": Each(districts),
            "status": status,
            "version": 1,
            "created": now,
            "updated": now,
            "published_at": now if status == FeatureStatus.PUBLISHED else None,
        },
        count,
        report,
    )
    with connection.cursor() as cursor:
        cursor.execute(
            HISTORY_SQL,
            {"action": ChangeAction.CREATE, "user_id": author_id, "at": now, "created": now.isoformat(), "ids": ids},
        )


def _database_failure(exc, prepared):
    """An ``ImportFailed`` naming the file line of the row PostgreSQL refused, when it says which."""
    if isinstance(exc, ImportFailed):
        return exc
    cause = exc.__cause__ if isinstance(exc.__cause__, psycopg.Error) else None
    context = (cause.diag.context or "") if cause else ""
    text = (cause.diag.message_primary if cause else None) or str(exc)
    match = COPY_LINE.search(context)
    errors = []
    if match and int(match[1]) <= prepared.plan.count:
        index = prepared.plan.indices[int(match[1]) - 1]
        errors.append({"where": prepared.data.where(index), "reason": "refused by the database", "detail": text})
    return ImportFailed(f"The database refused the import, so nothing was imported: {text}", errors)
