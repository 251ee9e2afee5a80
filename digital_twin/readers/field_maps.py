"""Field maps: which column of a building file holds the id, height, floors, use and name.

A field map is configuration, shipped as JSON in ``digital_twin/data/field_maps/``
(``gis-building`` for the named S-Map columns HEIGHT, GRND_FLR, UGRND_FLR,
USABILITY, BLD_NM; ``gis-building-coded`` for releases with coded columns
A0…A28) or given as a file of the same shape. Each attribute lists candidate
column names; the first present in the file is used. With no map given, the
first shipped map whose id column and height-or-floors columns are all present
is chosen.
"""

import json
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from .errors import FieldMapError

ATTRIBUTES = ("source_id", "height", "floors_above", "floors_below", "use", "name")
SHIPPED = ("gis-building", "gis-building-coded")


@dataclass(frozen=True)
class FieldMap:
    """A named map from attributes to candidate column names."""

    name: str
    columns: dict  # attribute -> tuple of candidate column names

    def resolve(self, available):
        """attribute -> the file's column for it (or None), matching names without regard to case."""
        by_lower = {column.lower(): column for column in available}
        return {
            attribute: next(
                (by_lower[c.lower()] for c in self.columns.get(attribute, ()) if c.lower() in by_lower), None
            )
            for attribute in ATTRIBUTES
        }

    def fits(self, available):
        found = self.resolve(available)
        return found["source_id"] is not None and (found["height"] or found["floors_above"]) is not None


def parse_field_map(name, data):
    if not isinstance(data, dict) or not isinstance(data.get("columns"), dict):
        raise FieldMapError(f'The field map {name} must be a JSON object with a "columns" object.')
    columns = {}
    for attribute, candidates in data["columns"].items():
        if attribute not in ATTRIBUTES:
            raise FieldMapError(
                f"The field map {name} names an unknown attribute {attribute!r} ({', '.join(ATTRIBUTES)})."
            )
        candidates = [candidates] if isinstance(candidates, str) else candidates
        if not isinstance(candidates, list) or not all(isinstance(c, str) for c in candidates):
            raise FieldMapError(f"In the field map {name}, {attribute!r} must be a column name or a list of them.")
        columns[attribute] = tuple(candidates)
    if "source_id" not in columns:
        raise FieldMapError(f'The field map {name} has no "source_id" column: re-imports match buildings by it.')
    return FieldMap(name, columns)


def shipped_field_map(name):
    resource = files("digital_twin").joinpath("data", "field_maps", f"{name}.json")
    return parse_field_map(name, json.loads(resource.read_text(encoding="utf-8")))


def load_field_map(spec):
    """A shipped map by name, or a map read from a JSON file path."""
    if spec in SHIPPED:
        return shipped_field_map(spec)
    path = Path(spec)
    if not path.is_file():
        raise FieldMapError(f"No field map {spec!r}: give one of {', '.join(SHIPPED)} or a JSON file.")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FieldMapError(f"The field map {path.name} is not valid UTF-8 JSON ({exc}).") from None
    return parse_field_map(path.name, data)


def choose_field_map(spec, available):
    """The map to use for a file with ``available`` columns: ``spec`` if given (it must fit), else a shipped one."""
    if spec:
        field_map = load_field_map(spec)
        if not field_map.fits(available):
            raise FieldMapError(_misfit(field_map, available))
        return field_map
    for name in SHIPPED:
        field_map = shipped_field_map(name)
        if field_map.fits(available):
            return field_map
    raise FieldMapError(
        f"No shipped field map fits the columns {', '.join(available) or '(none)'}: the file needs an id column and "
        "a height or floors column. Give a field map with --field-map FILE.json."
    )


def _misfit(field_map, available):
    found = field_map.resolve(available)
    missing = [a for a in ("source_id",) if found[a] is None]
    if found["height"] is None and found["floors_above"] is None:
        missing.append("height or floors_above")
    return (
        f"The field map {field_map.name} does not fit the file: no column for {', '.join(missing)} "
        f"(the file has {', '.join(available) or 'no columns'})."
    )
