"""Read a GeoJSON file or an ESRI Shapefile (zipped, a folder, or a .shp) into EPSG:4326.

GDAL is asked for every Shapefile string as ISO-8859-1, which maps each byte
to one character, so the original bytes come back intact. They are decoded
here, strictly, with the encoding the caller gave or the one
``detect_encoding`` chose: a wrong encoding fails loudly instead of garbling
names. Zip archives are checked before GDAL opens them (``archive``): no
absolute or ``..`` member paths, limits on the unpacked size and the packing
ratio, one Shapefile unless a layer is named. Pure: pyogrio, shapely and
pyproj, no Django.
"""

import re
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath

import numpy as np
import shapely
from pyogrio import raw
from pyogrio.errors import DataLayerError, DataSourceError

from ..detection import Detection, UnknownEncoding, detect_encoding, normalise_encoding
from .archive import members_with_suffix, open_archive, read_member
from .data import DEFAULT_MAX_UNCOMPRESSED_BYTES, Limits, assemble, concatenate
from .errors import LayerChoiceError, TextDecodingError, TooLarge, UnsupportedFile, megabytes

SIDECAR_MAX_BYTES = 64 * 1024
BYTES_AS_TEXT = "ISO-8859-1"
GEOJSON_SUFFIXES = (".geojson", ".json")
EXPORT_PART = re.compile(r"^(.+)_(points|multipoints|lines|polygons)$")


@dataclass(frozen=True)
class _Shapefile:
    gdal_path: str
    layer: str
    prj: str | None
    cpg: str | None


@dataclass(frozen=True)
class GdalLayer:
    """One layer as GDAL read it: WKB geometries, column names and one array of values per column."""

    name: str
    wkb: np.ndarray
    columns: list[str]
    values: list[list]

    def rows(self):
        return [dict(zip(self.columns, row, strict=True)) for row in zip(*self.values, strict=True)]


def read_vector(
    path,
    *,
    encoding=None,
    srid=None,
    layer=None,
    max_uncompressed_bytes=DEFAULT_MAX_UNCOMPRESSED_BYTES,
    limits=None,
    strict=True,
):
    """Read the features of ``path`` reprojected to EPSG:4326.

    ``encoding`` and ``srid`` override detection; ``layer`` names the
    Shapefile to read when a zip or folder holds several. A zip may unpack,
    and a GeoJSON file may weigh, at most ``max_uncompressed_bytes`` (or
    ``limits``, which also caps the packing ratio). ``strict`` as in ``assemble``.
    """
    path = Path(path)
    limits = limits or Limits(max_uncompressed_bytes=max_uncompressed_bytes)
    if not path.exists():
        raise UnsupportedFile(f"{path} does not exist.")
    if path.suffix.lower() in GEOJSON_SUFFIXES:
        return _read_geojson(path, encoding, srid, limits, strict)
    shapefiles = _locate_shapefiles(path, layer, limits)
    parts = [_read_shapefile(shapefile, encoding, srid, strict) for shapefile in shapefiles]
    return parts[0] if len(parts) == 1 else concatenate(parts)


def check_size(path, limits):
    if path.stat().st_size > limits.max_uncompressed_bytes:
        raise TooLarge(f"{path.name} is larger than the limit of {megabytes(limits.max_uncompressed_bytes)}.")


def _read_geojson(path, encoding, srid, limits, strict):
    check_size(path, limits)
    data = path.read_bytes()
    chosen = choose_encoding([data], encoding, cpg=None, source="the GeoJSON text")
    text = decode(data, chosen.value, path.name, [data]).lstrip("\ufeff")
    layer, declared = read_gdal_layer(text.encode("utf-8"), path.stem, encoding=None)
    return finish_gdal_layer(layer, chosen, declared, "the GeoJSON file", srid, strict)


def _read_shapefile(shapefile, encoding, srid, strict):
    layer, _ = read_gdal_layer(shapefile.gdal_path, shapefile.layer, encoding=BYTES_AS_TEXT)
    samples = _raw_strings(layer)
    chosen = choose_encoding(samples, encoding, cpg=shapefile.cpg, source="DBF text")
    decoded = _decode_layer(layer, chosen.value, samples)
    return finish_gdal_layer(decoded, chosen, shapefile.prj, "the .prj", srid, strict)


def finish_gdal_layer(layer, encoding, declared, declared_by, srid, strict):
    geometries = shapely.from_wkb(layer.wkb) if len(layer.wkb) else []
    rows = layer.rows() or [{} for _ in geometries]
    return assemble(
        layer.name,
        geometries,
        rows,
        encoding,
        declared=declared,
        declared_by=declared_by,
        srid=srid,
        strict=strict,
        columns=tuple(layer.columns),
    )


def choose_encoding(samples, encoding, *, cpg, source):
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
    return replace(layer, columns=columns, values=values)


def _decode_value(value, codec, where, samples):
    if not isinstance(value, str):
        return value
    return decode(value.encode(BYTES_AS_TEXT), codec, where, samples)


def decode(data, codec, where, samples):
    """``data`` decoded strictly; a wrong encoding is an error that names the likely right one."""
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


def read_gdal_layer(source, name, *, encoding, layer=None):
    """One layer of ``source`` through pyogrio, with the CRS GDAL found for it (WKT or None)."""
    try:
        meta, _, wkb, values = raw.read(source, layer=layer, encoding=encoding)
    except (DataSourceError, DataLayerError) as exc:
        raise UnsupportedFile(f"{name} cannot be read: {exc}") from None
    columns = [column.tolist() for column in values]
    return GdalLayer(name, wkb, list(meta["fields"]), columns), meta["crs"]


def _locate_shapefiles(path, layer, limits):
    if path.suffix.lower() == ".zip":
        return _zipped_shapefiles(path, layer, limits)
    if path.is_dir():
        shapefiles = sorted(child.name for child in path.iterdir() if _is_shp(child.name))
        return [_shapefile_on_disk(path / name) for name in _choose_shapefiles(path.name, shapefiles, layer)]
    if _is_shp(path.name):
        return [_shapefile_on_disk(path)]
    raise UnsupportedFile(
        f"{path.name} is not a supported file: bring a GeoJSON file (.geojson) or an ESRI "
        "Shapefile (.shp with its .shx, .dbf and .prj, or all of them in a .zip)."
    )


def _is_shp(name):
    return name.lower().endswith(".shp")


def _zipped_shapefiles(path, layer, limits):
    with open_archive(path, limits) as archive:
        members = _choose_shapefiles(path.name, members_with_suffix(archive, (".shp",)), layer)
        return [_zipped_shapefile(path, archive, member) for member in members]


def _zipped_shapefile(path, archive, member):
    prj, cpg = (_zip_sidecar(archive, member, suffix) for suffix in (".prj", ".cpg"))
    return _Shapefile(f"/vsizip/{path.resolve()}/{member}", PurePosixPath(member).stem, prj, cpg)


def _choose_shapefiles(where, names, layer):
    """The Shapefiles to read: the one chosen, or all of one export split by geometry kind (``x_points``, …)."""
    stems = {EXPORT_PART.match(PurePosixPath(name).stem) for name in names}
    if layer is None and len(names) > 1 and None not in stems and len({match[1] for match in stems}) == 1:
        return sorted(names)
    return [choose_layer(where, names, layer, "Shapefile")]


def choose_layer(where, names, layer, kind):
    """The one of ``names`` (paths or layer names) to read: the only one, or the one ``layer`` names."""
    stems = ", ".join(PurePosixPath(name).stem for name in names)
    if not names:
        raise LayerChoiceError(f"{where} contains no {kind}.")
    if layer is None:
        if len(names) == 1:
            return names[0]
        raise LayerChoiceError(f"{where} contains {len(names)} {kind}s ({stems}); choose one with --layer.")
    for name in names:
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
    return read_member(archive, info, SIDECAR_MAX_BYTES).decode(BYTES_AS_TEXT)


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
