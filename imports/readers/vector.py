"""Read a GeoJSON file or an ESRI Shapefile (zipped, a folder, or a .shp) into EPSG:4326.

GDAL is asked for every Shapefile string as ISO-8859-1, which maps each byte
to one character, so the original bytes come back intact. They are decoded
here, strictly, with the encoding the caller gave or the one
``detect_encoding`` chose: a wrong encoding fails loudly instead of garbling
names. Zip archives are checked before GDAL opens them: no absolute or ``..``
member paths, a limit on the unpacked size, one Shapefile unless a layer is
named. Pure: pyogrio, shapely and pyproj, no Django.
"""

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import numpy as np
import shapely
from pyogrio import raw
from pyogrio.errors import DataLayerError, DataSourceError
from pyproj import Transformer

from ..detection import (
    CrsDetection,
    Detection,
    UnknownEncoding,
    detect_crs,
    detect_encoding,
    normalise_encoding,
)

DEFAULT_MAX_UNCOMPRESSED_BYTES = 500 * 1024 * 1024
SIDECAR_MAX_BYTES = 64 * 1024
BYTES_AS_TEXT = "ISO-8859-1"
GEOJSON_SUFFIXES = (".geojson", ".json")
POLYGONAL_TYPE_IDS = (3, 6)  # shapely type ids of Polygon and MultiPolygon


class ReaderError(ValueError):
    """The file cannot be read; the message says why, for the person who brought it."""


class UnsupportedFile(ReaderError):
    """Not a file this reader understands, or GDAL cannot open it."""


class UnsafeArchive(ReaderError):
    """A zip archive with a member path that is absolute or climbs out with ``..``."""


class TooLarge(ReaderError):
    """A file, or the unpacked content of an archive, larger than the limit."""


class LayerChoiceError(ReaderError):
    """No Shapefile, or several and none named."""


class TextDecodingError(ReaderError):
    """The text is not in the encoding that was given."""


class GeometryError(ReaderError):
    """A geometry cannot be placed on the map."""


@dataclass(frozen=True)
class VectorData:
    """The features of one layer, in file order, and how the file was understood."""

    layer: str
    geometries: list  # shapely geometries in EPSG:4326 (None where a feature has none)
    rows: list[dict]
    encoding: Detection
    crs: CrsDetection
    repaired: int  # invalid geometries that were repaired


@dataclass(frozen=True)
class _Shapefile:
    gdal_path: str
    layer: str
    prj: str | None
    cpg: str | None


@dataclass(frozen=True)
class _Layer:
    name: str
    wkb: np.ndarray
    columns: list[str]
    values: list[list]


def read_vector(
    path,
    *,
    encoding=None,
    srid=None,
    layer=None,
    max_uncompressed_bytes=DEFAULT_MAX_UNCOMPRESSED_BYTES,
):
    """Read the features of ``path`` reprojected to EPSG:4326.

    ``encoding`` and ``srid`` override detection; ``layer`` names the
    Shapefile to read when a zip or folder holds several. A zip may unpack,
    and a GeoJSON file may weigh, at most ``max_uncompressed_bytes``.
    """
    path = Path(path)
    if not path.exists():
        raise UnsupportedFile(f"{path} does not exist.")
    if path.suffix.lower() in GEOJSON_SUFFIXES:
        return _read_geojson(path, encoding, srid, max_uncompressed_bytes)
    shapefile = _locate_shapefile(path, layer, max_uncompressed_bytes)
    return _read_shapefile(shapefile, encoding, srid)


def _read_geojson(path, encoding, srid, max_bytes):
    if path.stat().st_size > max_bytes:
        raise TooLarge(f"{path.name} is larger than the limit of {_megabytes(max_bytes)}.")
    data = path.read_bytes()
    chosen = _choose_encoding([data], encoding, cpg=None, source="the GeoJSON text")
    text = _decode(data, chosen.value, path.name, [data]).lstrip("\ufeff")
    layer, declared = _read_layer(text.encode("utf-8"), path.stem, encoding=None)
    return _assemble(layer, chosen, declared=declared, declared_by="the GeoJSON file", srid=srid)


def _read_shapefile(shapefile, encoding, srid):
    layer, _ = _read_layer(shapefile.gdal_path, shapefile.layer, encoding=BYTES_AS_TEXT)
    samples = _raw_strings(layer)
    chosen = _choose_encoding(samples, encoding, cpg=shapefile.cpg, source="DBF text")
    decoded = _decode_layer(layer, chosen.value, samples)
    return _assemble(decoded, chosen, declared=shapefile.prj, declared_by="the .prj", srid=srid)


def _choose_encoding(samples, encoding, *, cpg, source):
    if encoding:
        return Detection(normalise_encoding(encoding), 1.0, "given with --encoding")
    return detect_encoding(samples, cpg=cpg, source=source)


def _raw_strings(layer):
    texts = [*layer.columns, *(value for column in layer.values for value in column)]
    return [text.encode(BYTES_AS_TEXT) for text in texts if isinstance(text, str)]


def _decode_layer(layer, codec, samples):
    columns = [_decode_value(name, codec, "a column name", samples) for name in layer.columns]
    values = [
        [_decode_value(value, codec, f"column {name}", samples) for value in column]
        for name, column in zip(columns, layer.values, strict=True)
    ]
    return _Layer(layer.name, layer.wkb, columns, values)


def _decode_value(value, codec, where, samples):
    if not isinstance(value, str):
        return value
    return _decode(value.encode(BYTES_AS_TEXT), codec, where, samples)


def _decode(data, codec, where, samples):
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        bad = data[max(exc.start - 4, 0) : exc.end + 4]
        raise TextDecodingError(
            f"The text of {where} is not valid {codec} (bytes {bad!r}). {_encoding_hint(samples)}"
        ) from None


def _encoding_hint(samples):
    try:
        detected = detect_encoding(samples)
    except UnknownEncoding:
        return "Give the file's real encoding with --encoding."
    return f"It looks like {detected.value}: leave out --encoding, or give the right one."


def _read_layer(source, name, *, encoding):
    try:
        meta, _, wkb, values = raw.read(source, encoding=encoding)
    except (DataSourceError, DataLayerError) as exc:
        raise UnsupportedFile(f"{name} cannot be read: {exc}") from None
    columns = [column.tolist() for column in values]
    return _Layer(name, wkb, list(meta["fields"]), columns), meta["crs"]


def _assemble(layer, encoding, *, declared, declared_by, srid):
    if len(layer.wkb) == 0:
        raise GeometryError(f"{layer.name} has no features.")
    geometries = shapely.force_2d(shapely.from_wkb(layer.wkb))
    bounds = shapely.total_bounds(geometries)
    crs = detect_crs(tuple(bounds), declared, srid=srid, declared_by=declared_by)
    geometries, repaired = _repair_all(_to_lonlat(geometries, crs.srid))
    rows = [dict(zip(layer.columns, row, strict=True)) for row in zip(*layer.values, strict=True)]
    return VectorData(layer.name, geometries, rows or [{} for _ in geometries], encoding, crs, repaired)


def _to_lonlat(geometries, srid):
    if srid == 4326:
        return geometries
    transformer = Transformer.from_crs(srid, 4326, always_xy=True)
    moved = shapely.transform(geometries, transformer.transform, interleaved=False)
    if not np.isfinite(shapely.get_coordinates(moved)).all():
        raise GeometryError(f"Some coordinates cannot be converted from EPSG:{srid} to lon/lat.")
    return moved


def _repair_all(geometries):
    """Make invalid geometries valid; polygons stay polygonal. Returns (list, count repaired)."""
    geometries = np.array(geometries, dtype=object)
    invalid = np.flatnonzero(~shapely.is_valid(geometries) & ~shapely.is_missing(geometries))
    for index in invalid:
        geometries[index] = _repair(geometries[index], index)
    return geometries.tolist(), len(invalid)


def _repair(geometry, index):
    fixed = shapely.make_valid(geometry)
    if shapely.get_type_id(geometry) not in POLYGONAL_TYPE_IDS:
        return fixed
    polygons = [part for part in shapely.get_parts(shapely.get_parts(fixed)) if shapely.get_type_id(part) == 3]
    if not polygons:
        raise GeometryError(f"Feature {index + 1} is a polygon with no area left once repaired.")
    return polygons[0] if len(polygons) == 1 else shapely.MultiPolygon(polygons)


def _locate_shapefile(path, layer, max_bytes):
    if path.suffix.lower() == ".zip":
        return _zipped_shapefile(path, layer, max_bytes)
    if path.is_dir():
        shapefiles = sorted(child.name for child in path.iterdir() if _is_shp(child.name))
        return _shapefile_on_disk(path / _choose_layer(path.name, shapefiles, layer))
    if _is_shp(path.name):
        return _shapefile_on_disk(path)
    raise UnsupportedFile(
        f"{path.name} is not a supported file: bring a GeoJSON file (.geojson) or an ESRI "
        "Shapefile (.shp with its .shx, .dbf and .prj, or all of them in a .zip)."
    )


def _is_shp(name):
    return name.lower().endswith(".shp")


def _zipped_shapefile(path, layer, max_bytes):
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            _check_archive(path.name, infos, max_bytes)
            names = [info.filename for info in infos if _is_shp(info.filename)]
            member = _choose_layer(path.name, names, layer)
            prj, cpg = (_zip_sidecar(archive, member, suffix) for suffix in (".prj", ".cpg"))
    except zipfile.BadZipFile:
        raise UnsupportedFile(f"{path.name} is not a valid zip archive.") from None
    return _Shapefile(f"/vsizip/{path.resolve()}/{member}", PurePosixPath(member).stem, prj, cpg)


def _check_archive(name, infos, max_bytes):
    for info in infos:
        if _escapes(info.filename):
            raise UnsafeArchive(
                f"{name} contains {info.filename!r}, a path that is absolute or climbs out "
                "with '..'; the archive is refused."
            )
    total = sum(info.file_size for info in infos)
    if total > max_bytes:
        raise TooLarge(f"{name} unpacks to {_megabytes(total)}, more than the limit of {_megabytes(max_bytes)}.")


def _escapes(member):
    path = member.replace("\\", "/")
    return path.startswith("/") or bool(re.match(r"[A-Za-z]:", path)) or ".." in path.split("/")


def _megabytes(size):
    return f"{size / 1024 / 1024:.1f} MB"


def _choose_layer(where, shapefiles, layer):
    stems = ", ".join(PurePosixPath(name).stem for name in shapefiles)
    if not shapefiles:
        raise LayerChoiceError(f"{where} contains no Shapefile (.shp).")
    if layer is None:
        if len(shapefiles) == 1:
            return shapefiles[0]
        raise LayerChoiceError(f"{where} contains {len(shapefiles)} Shapefiles ({stems}); choose one with --layer.")
    for name in shapefiles:
        if layer.lower() in (name.lower(), PurePosixPath(name).stem.lower()):
            return name
    raise LayerChoiceError(f"{where} has no layer {layer!r}; it has {stems}.")


def _zip_sidecar(archive, member, suffix):
    wanted = (member[:-4] + suffix).lower()
    info = next((i for i in archive.infolist() if i.filename.lower() == wanted), None)
    if info is None:
        return None
    if info.file_size > SIDECAR_MAX_BYTES:
        raise TooLarge(f"{info.filename} is too large for a {suffix} file.")
    return archive.read(info).decode(BYTES_AS_TEXT)


def _shapefile_on_disk(shp):
    prj, cpg = (_disk_sidecar(shp, suffix) for suffix in (".prj", ".cpg"))
    return _Shapefile(str(shp), shp.stem, prj, cpg)


def _disk_sidecar(shp, suffix):
    for candidate in (shp.with_suffix(suffix), shp.with_suffix(suffix.upper())):
        if candidate.is_file():
            if candidate.stat().st_size > SIDECAR_MAX_BYTES:
                raise TooLarge(f"{candidate.name} is too large for a {suffix} file.")
            return candidate.read_bytes().decode(BYTES_AS_TEXT)
    return None
