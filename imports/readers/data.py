"""What every reader returns, and the shared last step that turns source geometries into EPSG:4326.

A reader hands ``assemble`` its geometries in the file's own coordinates,
its attribute rows and how it decoded the text; ``assemble`` chooses the
coordinate system (``detect_crs``), reprojects all geometries at once
(pyproj, vectorised through shapely) and repairs invalid ones, noting why.
Rows whose geometry is missing or unusable are kept with the reason, so an
import can report them by line number instead of failing blind. Pure: no Django.
"""

import re
from dataclasses import dataclass, field

import numpy as np
import shapely
from pyproj import Transformer

from ..detection import CrsDetection, Detection, detect_crs
from .errors import GeometryError

DEFAULT_MAX_UNCOMPRESSED_BYTES = 500 * 1024 * 1024
DEFAULT_MAX_COMPRESSION_RATIO = 100
DEFAULT_MAX_ROWS = 1_000_000
POLYGONAL_TYPE_IDS = (3, 6)  # shapely type ids of Polygon and MultiPolygon
POSITION = re.compile(r"\s*\[[^\]]*\]")


@dataclass(frozen=True)
class Limits:
    """How much a file may hold: unpacked bytes, the packing ratio of an archive, rows."""

    max_uncompressed_bytes: int = DEFAULT_MAX_UNCOMPRESSED_BYTES
    max_compression_ratio: float = DEFAULT_MAX_COMPRESSION_RATIO
    max_rows: int = DEFAULT_MAX_ROWS


@dataclass(frozen=True)
class VectorData:
    """The features of one layer, in file order, and how the file was understood.

    ``skipped`` and ``repairs`` map a row's index to why its geometry is missing
    or was repaired; ``lines`` holds each row's line in the file (text tables),
    so ``where(index)`` can point a person at it.
    """

    layer: str
    geometries: list  # shapely geometries in EPSG:4326 (None where a row has none)
    rows: list[dict]
    encoding: Detection
    crs: CrsDetection
    columns: tuple = ()
    lines: tuple | None = None
    skipped: dict = field(default_factory=dict)
    repairs: dict = field(default_factory=dict)
    notes: tuple = ()  # how the reader understood the file (e.g. which columns hold the coordinates)

    @property
    def repaired(self):
        """How many invalid geometries were repaired."""
        return len(self.repairs)

    def where(self, index):
        """``line 12`` for a text table, ``feature 3`` otherwise."""
        return f"line {self.lines[index]}" if self.lines else f"feature {index + 1}"


def assemble(name, geometries, rows, encoding, *, declared, declared_by, srid, strict=True, **extra):
    """``VectorData`` from source geometries (shapely, None where missing) in the file's coordinates.

    ``declared`` is the CRS the file names (WKT or ``EPSG:n``, or None) and
    ``srid`` the user's choice; with ``strict`` a geometry that cannot be
    placed raises ``GeometryError``, otherwise its row is noted as skipped.
    ``extra`` goes to ``VectorData`` (columns, lines, skipped, notes).
    """
    geometries = np.asarray(shapely.force_2d(np.asarray(geometries, dtype=object)), dtype=object)
    skipped = dict(extra.pop("skipped", {}))
    present = ~shapely.is_missing(geometries) & ~shapely.is_empty(geometries)
    if not present.any():
        raise GeometryError(f"{name} has no features with a geometry.")
    bounds = shapely.total_bounds(geometries[present])
    crs = detect_crs(tuple(bounds), declared, srid=srid, declared_by=declared_by)
    data = VectorData(name, [], list(rows), encoding, crs, **extra)
    geometries[present] = _to_lonlat(geometries[present], crs.srid)
    for index in np.flatnonzero(~present):
        skipped.setdefault(int(index), "no geometry" if geometries[index] is None else "an empty geometry")
        geometries[index] = None
    _drop_unplaceable(geometries, skipped, data, strict)
    repairs = _repair_all(geometries, skipped, data, strict)
    return VectorData(
        name, geometries.tolist(), data.rows, encoding, crs, **{**extra, "skipped": skipped, "repairs": repairs}
    )


def _to_lonlat(geometries, srid):
    if srid == 4326:
        return geometries
    transformer = Transformer.from_crs(srid, 4326, always_xy=True)
    return shapely.transform(geometries, transformer.transform, interleaved=False)


def _drop_unplaceable(geometries, skipped, data, strict):
    """Rows whose coordinates could not be converted (infinite or NaN) lose their geometry."""
    present = np.flatnonzero(~shapely.is_missing(geometries))
    coordinates, owners = shapely.get_coordinates(geometries[present], return_index=True)
    bad = np.unique(present[owners[~np.isfinite(coordinates).all(axis=1)]])
    if len(bad) and strict:
        raise GeometryError(
            f"Some coordinates cannot be converted from EPSG:{data.crs.srid} to lon/lat ({data.where(bad[0])})."
        )
    for index in bad:
        skipped[int(index)] = f"coordinates that EPSG:{data.crs.srid} cannot place on the map"
        geometries[index] = None


def _repair_all(geometries, skipped, data, strict):
    """Make invalid geometries valid in place (polygons stay polygonal); returns {index: why it was invalid}."""
    present = ~shapely.is_missing(geometries)
    invalid = np.flatnonzero(present & ~shapely.is_valid(geometries))
    reasons = shapely.is_valid_reason(geometries[invalid]) if len(invalid) else []
    repairs = {}
    for index, reason in zip(invalid.tolist(), reasons, strict=True):
        fixed = _repair(geometries[index])
        if fixed is None:
            message = f"{data.where(index)} is a polygon with no area left once repaired"
            if strict:
                raise GeometryError(f"{message[0].upper()}{message[1:]}.")
            skipped[index] = "a polygon with no area (it cannot be repaired)"
            geometries[index] = None
        else:
            geometries[index] = fixed
            repairs[index] = POSITION.sub("", reason).lower()
    return repairs


def _repair(geometry):
    fixed = shapely.make_valid(geometry)
    if shapely.get_type_id(geometry) not in POLYGONAL_TYPE_IDS:
        return fixed
    polygons = [part for part in shapely.get_parts(shapely.get_parts(fixed)) if shapely.get_type_id(part) == 3]
    if not polygons:
        return None
    return polygons[0] if len(polygons) == 1 else shapely.MultiPolygon(polygons)


def concatenate(parts):
    """One ``VectorData`` of several read alike (the Shapefiles of one export, one per geometry kind)."""
    first = parts[0]
    geometries, rows, skipped, repairs, columns = [], [], {}, {}, {}
    for part in parts:
        offset = len(rows)
        skipped.update({offset + index: why for index, why in part.skipped.items()})
        repairs.update({offset + index: why for index, why in part.repairs.items()})
        geometries += part.geometries
        rows += part.rows
        columns.update(dict.fromkeys(part.columns))
    names = ", ".join(part.layer for part in parts)
    return VectorData(
        first.layer,
        geometries,
        rows,
        first.encoding,
        first.crs,
        columns=tuple(columns),
        skipped=skipped,
        repairs=repairs,
        notes=(*first.notes, f"read together: {names}"),
    )
