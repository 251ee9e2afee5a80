"""Column mappings for recurring public datasets, kept as YAML or JSON files an administrator adds without code.

A preset says how to read one kind of file: its coordinate system and text
encoding when the file cannot tell, which columns hold the coordinates, how
the title and summary are made (a column name, or a template such as
``"{sgg} {emd}"``), where the category comes from and which columns fill the
layer's extra fields. Presets are read from the folder shipped with the app
(``imports/presets/``) and from any folders the caller adds (the setting
``IMPORT_PRESETS_DIRS``); a later file with the same ``key`` wins. A preset
whose ``match_columns`` a file has is suggested for it. Pure: no Django.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml

BUILTIN_DIR = Path(__file__).resolve().parent / "presets"
SUFFIXES = (".yaml", ".yml", ".json")


class PresetError(ValueError):
    """A preset file is malformed; the message names the file."""


@dataclass(frozen=True)
class Preset:
    key: str
    label_ko: str
    label_en: str = ""
    description: str = ""
    match_columns: tuple = ()
    srid: int | None = None
    encoding: str | None = None
    coordinates: tuple | str | None = None  # (x column, y column) or a WKT column
    title: str | None = None
    summary: str | None = None
    category_column: str | None = None
    category_values: dict = field(default_factory=dict)
    default_category: str | None = None
    fields: dict = field(default_factory=dict)
    path: str = ""

    def label(self, language):
        return self.label_en if language.startswith("en") and self.label_en else self.label_ko

    def matches(self, columns):
        return bool(self.match_columns) and set(self.match_columns) <= set(columns)


def load_presets(folders=()):
    """{key: Preset} from the built-in folder, then ``folders`` in order."""
    presets = {}
    for folder in (BUILTIN_DIR, *map(Path, folders)):
        if folder.is_dir():
            for path in sorted(folder.iterdir()):
                if path.suffix.lower() in SUFFIXES:
                    preset = read_preset(path)
                    presets[preset.key] = preset
    return presets


def read_preset(path):
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError) as exc:
        raise PresetError(f"The preset {path.name} cannot be read: {exc}") from None
    if not isinstance(data, dict) or not data.get("key") or not data.get("label_ko"):
        raise PresetError(f"The preset {path.name} needs at least 'key' and 'label_ko'.")
    return _preset(data, path)


def _preset(data, path):
    category = data.get("category") or {}
    if not isinstance(category, dict):
        raise PresetError(f"In {path.name}, 'category' is a mapping: {{column, values, default}}.")
    coordinates = data.get("coordinates")
    if isinstance(coordinates, dict):
        if "wkt" in coordinates:
            coordinates = str(coordinates["wkt"])
        elif {"x", "y"} <= set(coordinates):
            coordinates = (str(coordinates["x"]), str(coordinates["y"]))
        else:
            raise PresetError(f"In {path.name}, 'coordinates' is {{x: column, y: column}} or {{wkt: column}}.")
    try:
        srid = int(data["srid"]) if data.get("srid") is not None else None
    except (TypeError, ValueError):
        raise PresetError(f"In {path.name}, 'srid' is an EPSG code such as 5179.") from None
    return Preset(
        key=str(data["key"]),
        label_ko=str(data["label_ko"]),
        label_en=str(data.get("label_en", "")),
        description=str(data.get("description", "")),
        match_columns=tuple(map(str, data.get("match_columns") or ())),
        srid=srid,
        encoding=data.get("encoding"),
        coordinates=coordinates,
        title=data.get("title"),
        summary=data.get("summary"),
        category_column=category.get("column"),
        category_values={str(k): str(v) for k, v in (category.get("values") or {}).items()},
        default_category=category.get("default"),
        fields={str(k): str(v) for k, v in (data.get("fields") or {}).items()},
        path=str(path),
    )
