"""The dry run of an import: which rows become features, which are skipped or repaired, and why.

Geometry checks run on whole arrays (shapely): the layer's geometry kinds,
the vertex limit, the extent (Korea, unless the map allows anywhere). A
multi-part geometry of one part is stored as that part. Each row's title,
summary, category and extra fields are then made from the mapping; a row is
skipped only when it cannot become a feature (no usable geometry, a required
field empty), and anything changed on the way (a shortened title, a value
that was not a number) is counted as repaired with its reason. The preview
shows these counts; the import writes exactly the features the plan holds.
Pure: no Django (the extra fields are checked by ``layers.extra_fields``, itself pure).
"""

from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import shapely

from layers.extra_fields import ExtraFieldError, clean_extra_fields

from .field_mapping import TEMPLATE_FIELD, cell_text, is_template
from .field_values import coerce

KIND_TYPE_IDS = {"Point": (0, 4), "LineString": (1, 5), "Polygon": (3, 6)}
MULTI_TYPE_IDS = (4, 5, 6)
WORLD = (-180.0, -90.0, 180.0, 90.0)


@dataclass(frozen=True)
class Problem:
    index: int
    where: str  # "line 12" or "feature 3"
    reason: str  # short, the same for rows with the same problem (counted together)
    detail: str = ""


@dataclass
class Plan:
    """What an import of ``total`` rows will write: parallel lists, one entry per feature."""

    total: int
    indices: list = field(default_factory=list)
    geometries: list = field(default_factory=list)
    titles: list = field(default_factory=list)
    summaries: list = field(default_factory=list)
    categories: list = field(default_factory=list)
    properties: list = field(default_factory=list)
    skipped: list = field(default_factory=list)
    repaired: list = field(default_factory=list)

    @property
    def count(self):
        return len(self.indices)

    def reasons(self, problems):
        """[(reason, count, first places)] most frequent first."""
        counts = Counter(problem.reason for problem in problems)
        places = {}
        for problem in problems:
            places.setdefault(problem.reason, [])
            if len(places[problem.reason]) < 5:
                places[problem.reason].append(problem.where)
        return [(reason, count, places[reason]) for reason, count in counts.most_common()]


def build_plan(data, mapping, spec):
    """The ``Plan`` of importing ``data`` (``VectorData``) into the layer ``spec`` with ``mapping``."""
    plan = Plan(total=len(data.rows))
    geometries = _single_parts(np.array(data.geometries, dtype=object))
    usable = _check_geometries(geometries, data, spec, plan)
    repairs = data.repairs
    for index in np.flatnonzero(usable).tolist():
        row = data.rows[index]
        problems = []
        values = _row_values(row, mapping, spec, problems)
        if values is None:
            plan.skipped.append(Problem(index, data.where(index), *problems[-1]))  # the last problem is why
            continue
        if index in repairs:
            problems.append(("an invalid geometry was repaired", repairs[index]))
        if problems:
            where = data.where(index)
            plan.repaired.extend(Problem(index, where, reason, detail) for reason, detail in problems)
        title, summary, category, properties = values
        plan.indices.append(index)
        plan.geometries.append(geometries[index])
        plan.titles.append(title)
        plan.summaries.append(summary)
        plan.categories.append(category)
        plan.properties.append(properties)
    plan.skipped.sort(key=lambda problem: problem.index)
    return plan


def _single_parts(geometries):
    present = ~shapely.is_missing(geometries)
    single = present & np.isin(shapely.get_type_id(geometries), MULTI_TYPE_IDS)
    single &= shapely.get_num_geometries(geometries) == 1
    geometries[single] = shapely.get_geometry(geometries[single], 0)
    return geometries


def _check_geometries(geometries, data, spec, plan):
    """A mask of rows whose geometry the layer takes; the others are noted as skipped."""
    usable = ~shapely.is_missing(geometries)
    for index, reason in data.skipped.items():
        plan.skipped.append(Problem(index, data.where(index), reason))
    allowed = [type_id for kind in spec.geometry_kinds for type_id in KIND_TYPE_IDS.get(kind, ())]
    type_ids = shapely.get_type_id(geometries)
    kinds = ", ".join(spec.geometry_kinds)
    wrong = usable & ~np.isin(type_ids, allowed)
    _skip(plan, data, wrong, f"a geometry kind the layer does not take (it takes {kinds})", geometries)
    usable &= ~wrong
    too_many = usable & (shapely.get_num_coordinates(geometries) > spec.max_vertices)
    _skip(plan, data, too_many, f"more than {spec.max_vertices:,} vertices")
    usable &= ~too_many
    for box, reason in ((WORLD, "outside the range of longitude and latitude"), (spec.extent, "outside Korea")):
        if box is not None:
            outside = usable & _outside(geometries, box)
            _skip(plan, data, outside, reason)
            usable &= ~outside
    return usable


def _outside(geometries, box):
    bounds = shapely.bounds(geometries)
    with np.errstate(invalid="ignore"):
        return (bounds[:, 0] < box[0]) | (bounds[:, 1] < box[1]) | (bounds[:, 2] > box[2]) | (bounds[:, 3] > box[3])


def _skip(plan, data, mask, reason, geometries=None):
    for index in np.flatnonzero(mask).tolist():
        detail = geometries[index].geom_type if geometries is not None else ""
        plan.skipped.append(Problem(index, data.where(index), reason, detail))


def _row_values(row, mapping, spec, problems):
    """(title, summary, category key, properties) of one row, or None when it cannot be a feature."""
    category = _category(row, mapping, spec, problems)
    title = _text(_title(row, mapping), spec.title_max, "title", problems)
    if not title:
        title = _category_label(spec, category)
        if mapping.title:
            problems.append(("no title: the category's name is used", ""))
    summary = cell_text(row.get(mapping.summary)) if mapping.summary else ""
    summary = _text(summary, spec.summary_max, "summary", problems)
    properties = _properties(row, mapping, spec, problems)
    if properties is None:
        return None
    return title, summary, category, properties


def _title(row, mapping):
    if not mapping.title:
        return ""
    if is_template(mapping.title):
        return " ".join(TEMPLATE_FIELD.sub(lambda match: cell_text(row.get(match[1])), mapping.title).split())
    return cell_text(row.get(mapping.title))


def _text(text, limit, what, problems):
    if len(text) <= limit and "\x00" not in text:
        return text
    if "\x00" in text:
        text = text.replace("\x00", "")
        problems.append((f"NUL characters removed from the {what}", ""))
    if len(text) > limit:
        problems.append((f"{what} shortened to {limit} characters", ""))
        text = text[: limit - 1].rstrip() + "…"
    return text


def _category(row, mapping, spec, problems):
    if not mapping.category:
        return mapping.default_category
    value = cell_text(row.get(mapping.category))
    key = mapping.category_values.get(value)
    if key is None or spec.category(key) is None:
        if value:
            problems.append(("a category value not in the mapping: the default category is used", value))
        return mapping.default_category
    return key


def _category_label(spec, key):
    category = spec.category(key)
    return category.label_ko if category else key


def _properties(row, mapping, spec, problems):
    if not spec.fields:
        return {}
    values = {}
    for definition in spec.fields:
        key = definition["key"]
        column = mapping.fields.get(key)
        raw = row.get(column) if column else None
        try:
            value = coerce(definition, raw)
        except ValueError as exc:
            if definition.get("required"):
                problems.append((f"the required field {key} has a value it cannot take", str(exc)))
                return None
            problems.append((f"a value the field {key} cannot take was left out", str(exc)))
            continue
        if value is None and definition.get("required"):
            problems.append((f"the required field {key} is empty", ""))
            return None
        if isinstance(value, str):
            value = _text(value, spec.field_text_max, f"field {key}", problems)
        if value is not None:
            values[key] = value
    try:
        return clean_extra_fields(list(spec.fields), values)
    except ExtraFieldError as exc:
        problems.append(("extra fields the layer refuses", str(exc)))
        return None
