"""Validation of the extra form fields a layer defines (e.g. "lighting": text, "lanes": number).

Pure Python: takes the layer's field definitions and the submitted values,
returns the cleaned values or raises ``ExtraFieldError`` naming the field.
"""

import math
from datetime import date

MAX_TEXT = 2000


class ExtraFieldError(ValueError):
    pass


def clean_extra_fields(definitions, values):
    known = {definition["key"]: definition for definition in definitions}
    unknown = sorted(set(values) - set(known))
    if unknown:
        allowed = ", ".join(known) or "none"
        raise ExtraFieldError(f"Unknown fields: {', '.join(unknown)} (this layer defines: {allowed}).")
    cleaned = {}
    for key, definition in known.items():
        value = values.get(key)
        if value is None or value == "":
            if definition.get("required"):
                raise ExtraFieldError(f"The field '{definition.get('label', key)}' ({key}) is required.")
            continue
        cleaned[key] = _clean_value(definition, value)
    return cleaned


def _clean_value(definition, value):
    kind, key = definition.get("type", "text"), definition["key"]
    name = f"'{definition.get('label', key)}' ({key})"
    if kind == "number" and isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return value
    if kind == "boolean" and isinstance(value, bool):
        return value
    if kind == "choice" and value in definition.get("choices", []):
        return value
    if kind == "date" and isinstance(value, str):
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    if kind == "text" and isinstance(value, str) and len(value) <= MAX_TEXT and "\x00" not in value:
        return value
    raise ExtraFieldError(f"The field {name} expects a {kind} value; got {value!r:.60}.")
