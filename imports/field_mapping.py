"""Which column of the file becomes a feature's title, summary, category and extra fields.

``suggest_mapping`` proposes one from the column names (Korean and English,
``imports.columns``), the layer's own field keys and labels (also as the
10-byte names a Shapefile cuts them to), and a preset when one is chosen;
the person importing then changes what they like in the preview. Category
values of the file are matched to the layer's categories by key or label.
A mapping travels as a plain dict (``as_dict`` / ``from_dict``) in the import
job. Pure: no Django.
"""

import math
import re
from dataclasses import asdict, dataclass, field

from .columns import CATEGORY, SUMMARY, TITLE, find_column, normalise

TEMPLATE_FIELD = re.compile(r"\{([^{}]+)\}")
MAX_CATEGORY_VALUES = 200
DBF_NAME_BYTES = 10


@dataclass(frozen=True)
class FieldMapping:
    title: str | None = None  # a column, or a template "{column} {other}"; None: the category's name
    summary: str | None = None
    category: str | None = None  # the column holding categories; None: every feature gets default_category
    category_values: dict = field(default_factory=dict)  # value in the file → category key
    default_category: str = ""
    fields: dict = field(default_factory=dict)  # layer field key → column

    def as_dict(self):
        return asdict(self)

    @classmethod
    def from_dict(cls, data):
        known = {name: data[name] for name in cls.__dataclass_fields__ if name in data}
        return cls(**known)

    def template_columns(self):
        """The columns a title template uses (``{sgg} {emd}`` → sgg, emd)."""
        return TEMPLATE_FIELD.findall(self.title or "")


def is_template(text):
    return bool(text) and bool(TEMPLATE_FIELD.search(text))


def suggest_mapping(columns, rows, spec, preset=None):
    """A mapping for a file with ``columns`` and ``rows`` into the layer ``spec``, following ``preset``."""
    columns = list(columns)
    used = set(_coordinate_columns(preset))
    title = _preset_or_found(preset and preset.title, columns, TITLE, used)
    used.update([title] if title and not is_template(title) else [])
    summary = _preset_or_found(preset and preset.summary, columns, SUMMARY, used)
    category = _preset_or_found(preset and preset.category_column, columns, CATEGORY, used)
    default = (preset and preset.default_category) or spec.default_category
    if not spec.category(default):
        default = spec.default_category
    return FieldMapping(
        title=title,
        summary=summary,
        category=category,
        category_values=map_category_values(rows, category, spec, preset.category_values if preset else {}, default),
        default_category=default,
        fields=_fields(columns, spec, preset),
    )


def map_category_values(rows, column, spec, given, default):
    """{value: category key} for the values of ``column``: as ``given``, else by key or label, else ``default``."""
    return {value: _category_for(value, spec, given, default) for value in category_values(rows, column)}


def _coordinate_columns(preset):
    if preset is None or preset.coordinates is None:
        return []
    return [preset.coordinates] if isinstance(preset.coordinates, str) else list(preset.coordinates)


def _preset_or_found(given, columns, known, used):
    if given and (is_template(given) or given in columns):
        return given
    return find_column([column for column in columns if column not in used], known)


def category_values(rows, column):
    """The distinct values of the category column (at most ``MAX_CATEGORY_VALUES``), in order of appearance."""
    if not column:
        return []
    seen = {}
    for row in rows:
        value = cell_text(row.get(column))
        if value and value not in seen:
            seen[value] = None
            if len(seen) >= MAX_CATEGORY_VALUES:
                break
    return list(seen)


def _category_for(value, spec, given, default):
    if value in given and spec.category(given[value]):
        return given[value]
    wanted = normalise(value)
    for category in spec.categories:
        if wanted in (normalise(category.key), normalise(category.label_ko), normalise(category.label_en)):
            return category.key
    return default


def _fields(columns, spec, preset):
    given = preset.fields if preset else {}
    mapped = {}
    for definition in spec.fields:
        key = definition["key"]
        if given.get(key) in columns:
            mapped[key] = given[key]
            continue
        names = {normalise(key), normalise(definition.get("label", "")), normalise(_dbf_cut(key))}
        found = next((column for column in columns if normalise(column) in names - {""}), None)
        if found:
            mapped[key] = found
    return mapped


def _dbf_cut(key):
    while len(key.encode("utf-8")) > DBF_NAME_BYTES:
        key = key[:-1]
    return key


def cell_text(value):
    """A cell as stripped text: None, NaN and empty become ""; whole floats lose their ".0"."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
