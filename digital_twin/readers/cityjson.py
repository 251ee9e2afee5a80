"""Read buildings from CityJSON 1.1 / 2.0 (``.json``) and CityJSON Text Sequences (``.jsonl``), LoD1 or LoD2.

Each first-level ``Building`` becomes one building, with the geometry of its
``BuildingPart`` children merged in. Of its geometries the highest LoD up to
2.x is used: Solid, MultiSolid, CompositeSolid, MultiSurface or
CompositeSurface, with their semantic surfaces (``GroundSurface`` gives the
footprint). ``measuredHeight``, ``storeysAboveGround`` / ``storeysBelowGround``,
``function`` and ``name`` attributes are read when present. The CRS comes
from ``metadata.referenceSystem``, else ``--srid``, else the coordinates.
A ``.jsonl`` file is read line by line, so it may be as large as the disk.
Pure Python and numpy, no Django.
"""

import json
from pathlib import Path

import numpy as np

from .chunks import ChunkBuilder
from .errors import TwinFileError
from .numbers import count, number
from .projection import crs_deciding, srid_from_name, to_target
from .solids import Surface, height_of, solid_of
from .uses import building_use

VERSIONS = ("1.1", "2.0")
BUILDING_TYPES = ("Building",)
PART_TYPES = ("BuildingPart",)
SURFACE_TYPES = ("MultiSurface", "CompositeSurface")
SOLID_TYPES = ("Solid",)
MULTI_SOLID_TYPES = ("MultiSolid", "CompositeSolid")


def read_cityjson(path, *, srid=None):
    """Yield ``BuildingChunk``s of the buildings in a CityJSON file (or text sequence); see the module docstring."""
    path = Path(path)
    if path.suffix.lower() == ".jsonl":
        yield from _sequence(path, srid)
        return
    document = _load(path.read_bytes(), path.name)
    header = _header(document, path.name)
    builder = _builder(header, srid)
    yield from _buildings(document, header, builder)
    last = builder.flush()
    if last is not None:
        yield last


def _sequence(path, srid):
    with path.open("rb") as lines:
        header = _header(_load(next(lines, b"{}"), f"the first line of {path.name}"), path.name)
        builder = _builder(header, srid)
        for number, line in enumerate(lines, 2):
            if line.strip():
                feature = _load(line, f"line {number} of {path.name}")
                yield from _buildings(feature, header, builder)
    last = builder.flush()
    if last is not None:
        yield last


def _load(data, where):
    try:
        return json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise TwinFileError(f"{where} is not valid JSON ({exc}).") from None


def _header(document, name):
    if not isinstance(document, dict) or document.get("type") != "CityJSON":
        raise TwinFileError(f'{name} is not CityJSON: its "type" must be "CityJSON".')
    version = str(document.get("version", ""))
    if version not in VERSIONS:
        raise TwinFileError(
            f"{name} is CityJSON {version or '(no version)'}; versions {' and '.join(VERSIONS)} are read."
        )
    transform = document.get("transform") or {"scale": [1, 1, 1], "translate": [0, 0, 0]}
    return {
        "scale": np.array(transform["scale"], dtype=float),
        "translate": np.array(transform["translate"], dtype=float),
        "srid": srid_from_name((document.get("metadata") or {}).get("referenceSystem")),
    }


def _builder(header, srid):
    return ChunkBuilder(to_target, crs_deciding(srid, header["srid"], "the file's referenceSystem"))


def _buildings(document, header, builder):
    objects = document.get("CityObjects") or {}
    vertices = np.asarray(document.get("vertices") or [], dtype=float).reshape(-1, 3)
    vertices = vertices * header["scale"] + header["translate"]
    for key, city_object in objects.items():
        if city_object.get("type") not in BUILDING_TYPES or city_object.get("parents"):
            continue
        surfaces = [s for part in _with_parts(objects, key) for s in _best_surfaces(part, vertices)]
        solid = solid_of(surfaces)
        attributes = city_object.get("attributes") or {}
        chunk = builder.add(
            source_id=str(key),
            footprint=solid.footprint,
            height=height_of(solid, number(attributes.get("measuredHeight"))),
            floors_above=count(attributes.get("storeysAboveGround")),
            floors_below=count(attributes.get("storeysBelowGround")),
            use=building_use(attributes.get("function") or attributes.get("usage")),
            name=str(attributes.get("name") or "")[:200],
        )
        if chunk is not None:
            yield chunk


def _with_parts(objects, key):
    """The building and, recursively, its BuildingPart children."""
    found, todo = [], [key]
    while todo:
        city_object = objects.get(todo.pop())
        if city_object is None:
            continue
        found.append(city_object)
        todo.extend(c for c in city_object.get("children") or () if objects.get(c, {}).get("type") in PART_TYPES)
    return found


def _best_surfaces(city_object, vertices):
    geometries = [g for g in city_object.get("geometry") or () if _lod(g) is not None]
    if not geometries:
        return []
    best = max(_lod(g) for g in geometries)
    return [s for g in geometries if _lod(g) == best for s in _surfaces(g, vertices)]


def _lod(geometry):
    try:
        lod = float(geometry.get("lod"))
    except (TypeError, ValueError):
        return None
    kinds = SURFACE_TYPES + SOLID_TYPES + MULTI_SOLID_TYPES
    return lod if geometry.get("type") in kinds and lod < 3 else None


def _surfaces(geometry, vertices):
    """Every surface of a geometry with its semantic type, whatever the nesting of its boundaries."""
    kind, boundaries = geometry["type"], geometry.get("boundaries") or []
    semantics = geometry.get("semantics") or {}
    names = [surface.get("type") for surface in semantics.get("surfaces") or ()]
    values = semantics.get("values")
    depth = {**dict.fromkeys(SURFACE_TYPES, 0), **dict.fromkeys(SOLID_TYPES, 1), **dict.fromkeys(MULTI_SOLID_TYPES, 2)}
    yield from _walk(boundaries, values, depth[kind], names, vertices)


def _walk(boundaries, values, depth, names, vertices):
    for index, item in enumerate(boundaries):
        value = values[index] if isinstance(values, list) and index < len(values) else None
        if depth:
            yield from _walk(item, value, depth - 1, names, vertices)
        else:
            try:
                rings = tuple(vertices[np.asarray(ring, dtype=int)] for ring in item)
            except IndexError:
                raise TwinFileError("A surface refers to a vertex that the file does not have.") from None
            semantic = names[value] if isinstance(value, int) and value < len(names) else None
            yield Surface(rings, semantic)
