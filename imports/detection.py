"""Guess the text encoding and the coordinate system of a file users bring.

Korean agencies hand out Shapefiles whose attribute table is in CP949 with no
``.cpg`` and sometimes no ``.prj``. Reading such a file with the wrong guess
garbles every name or moves every shape by kilometres, so each guess here says
how sure it is and why, and when the bytes or coordinates cannot decide, this
module refuses (``AmbiguousCrs``, ``UnknownCrs``, ``UnknownEncoding``) instead
of picking one. Pure Python and pyproj: no Django, so it can be used anywhere.
"""

import codecs
import math
import re
from dataclasses import dataclass
from functools import cache

from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError, ProjError

KOREAN_SRIDS = (5174, 5179, 5181, 5185, 5186, 5187, 5188, 2097)
ALLOWED_SRIDS = (4326, *KOREAN_SRIDS)
SOUTH_KOREA = (124.0, 33.0, 132.0, 39.0)  # lon/lat bounds of South Korea's land and near seas
HANGUL_SYLLABLES = re.compile("[\uac00-\ud7a3]")
NON_ASCII = re.compile("[^\x00-\x7f]")
EPSG_CODE = re.compile(r"^EPSG:(\d+)$", re.IGNORECASE)


class DetectionError(ValueError):
    """The encoding or coordinate system cannot be told; the message says what to do."""


class UnknownEncoding(DetectionError):
    """The text is in none of the encodings this module recognises."""


class UnknownCrs(DetectionError):
    """No accepted coordinate system explains the file."""


class AmbiguousCrs(DetectionError):
    """Several accepted coordinate systems explain the coordinates equally well."""

    def __init__(self, message, candidates):
        super().__init__(message)
        self.candidates = tuple(candidates)


@dataclass(frozen=True)
class Detection:
    """A guessed text encoding (a Python codec name), how sure it is (0–1) and why."""

    value: str
    confidence: float
    reason: str


@dataclass(frozen=True)
class CrsDetection:
    """A guessed EPSG code, how sure it is (0–1), why, and the codes that were considered."""

    srid: int
    confidence: float
    reason: str
    candidates: tuple[int, ...] = ()


def normalise_encoding(label):
    """The Python codec for an encoding label (``.cpg`` content, ``--encoding``).

    EUC-KR widens to CP949, its superset: files labelled EUC-KR often hold
    CP949-only syllables. Code-page numbers (``949``, ``65001``) are understood.
    """
    name = re.sub(r"^ANSI\s+", "", label.strip(), flags=re.IGNORECASE)
    if name.isdigit():
        name = "utf-8" if name == "65001" else f"cp{name}"
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        raise UnknownEncoding(f"Unknown text encoding {label!r}.") from None
    return "cp949" if codec in ("euc_kr", "cp949") else codec


def detect_encoding(samples, *, cpg=None, source="DBF text"):
    """Guess the encoding of ``samples`` (raw byte strings), trusting a ``.cpg`` that fits them."""
    data = b"\n".join(samples)
    if cpg and cpg.strip():
        return _from_cpg(cpg, data, source)
    return _from_bytes(data, source)


def _from_cpg(cpg, data, source):
    try:
        codec = normalise_encoding(cpg)
    except UnknownEncoding:
        return _with_note(_from_bytes(data, source), f".cpg names an unknown encoding {cpg!r}")
    if _decodes(data, codec):
        return Detection(codec, 1.0, "from .cpg")
    return _with_note(_from_bytes(data, source), f".cpg says {cpg.strip()} but {source} is not")


def _with_note(detection, note):
    return Detection(detection.value, detection.confidence * 0.9, f"{note}; {detection.reason}")


def _from_bytes(data, source):
    if data.startswith(codecs.BOM_UTF8) and _decodes(data, "utf-8-sig"):
        return Detection("utf-8-sig", 1.0, f"{source} starts with a UTF-8 byte-order mark")
    if data.isascii():
        return Detection("utf-8", 1.0, f"{source} is plain ASCII (the same in UTF-8 and CP949)")
    if _decodes(data, "utf-8"):
        return Detection("utf-8", 0.99, f"{source} is valid UTF-8")
    if _decodes(data, "cp949"):
        return _cp949(data, source)
    raise UnknownEncoding(f"{source} is neither valid UTF-8 nor CP949 (EUC-KR); give its encoding with --encoding.")


def _cp949(data, source):
    share = hangul_share(data.decode("cp949"))
    reason = f"{source} is not valid UTF-8 but decodes as CP949"
    if share >= 0.5:
        return Detection("cp949", 0.95, reason)
    note = f"though only {share:.0%} of its non-ASCII characters are Hangul"
    return Detection("cp949", 0.6, f"{reason}, {note}")


def hangul_share(text):
    """The share of Hangul syllables among the non-ASCII characters of ``text`` (1.0 if none)."""
    letters = NON_ASCII.subn("", text)[1]  # counted by the regex engine: files run to hundreds of megabytes
    if not letters:
        return 1.0
    return HANGUL_SYLLABLES.subn("", text)[1] / letters


def _decodes(data, codec):
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


def detect_crs(bounds, prj_wkt=None, *, srid=None, declared_by="the .prj"):
    """Choose the EPSG code of coordinates with ``bounds`` (xmin, ymin, xmax, ymax).

    ``srid`` (the user's choice) wins over ``prj_wkt`` (the CRS the file
    declares, as WKT or ``EPSG:n``), which wins over the coordinates. Whatever
    the source, the data must then land in South Korea.
    """
    if srid is not None:
        return _landing_in_korea(_given(srid), bounds)
    if prj_wkt:
        return _landing_in_korea(_declared(prj_wkt, declared_by), bounds)
    return _from_coordinates(bounds)


def describe(srid):
    """``EPSG:5186 (KGD2002 / Central Belt 2010)``."""
    return f"EPSG:{srid} ({_crs(srid).name})"


@cache
def _crs(srid):
    return CRS.from_epsg(srid)


@cache
def _to_lonlat(srid):
    return Transformer.from_crs(_crs(srid), _crs(4326), always_xy=True)


def _allowed_list():
    return ", ".join(f"EPSG:{srid}" for srid in ALLOWED_SRIDS)


def _given(srid):
    if srid not in ALLOWED_SRIDS:
        raise UnknownCrs(f"EPSG:{srid} is not an accepted coordinate system ({_allowed_list()}).")
    return CrsDetection(srid, 1.0, "given with --srid", (srid,))


def _declared(text, declared_by):
    crs = _parse(text, declared_by)
    code = crs.to_epsg(min_confidence=70)
    if code in ALLOWED_SRIDS:
        return CrsDetection(code, 1.0, f"from {declared_by}", (code,))
    match = _same_parameters(crs)
    if match:
        reason = f"from {declared_by}, whose parameters are those of EPSG:{match}"
        return CrsDetection(match, 0.9, reason, (match,))
    label = f"EPSG:{code} ({crs.name})" if code else repr(crs.name)
    raise UnknownCrs(
        f"{declared_by.capitalize()} describes {label}, which is not an accepted coordinate "
        f"system ({_allowed_list()}); reproject the file or give the right one with --srid."
    )


def _parse(text, declared_by):
    code = EPSG_CODE.match(text.strip())
    try:
        crs = CRS.from_epsg(int(code.group(1))) if code else CRS.from_wkt(text)
    except CRSError as exc:
        raise UnknownCrs(
            f"{declared_by.capitalize()} cannot be read as a coordinate system ({exc}); give one with --srid."
        ) from None
    return crs.source_crs if crs.is_bound else crs


def _same_parameters(crs):
    signature = _signature(crs)
    return next((srid for srid in ALLOWED_SRIDS if _signature(_crs(srid)) == signature), None)


def _signature(crs):
    """What makes two CRSs place coordinates alike: method, parameters, ellipsoid, unit.

    Names, authorities and datum shifts (TOWGS84) are left out, since the
    ``.prj`` files of Korean agencies name the same system in many ways.
    """
    if crs.ellipsoid is None:
        return None
    semi_major = round(crs.ellipsoid.semi_major_metre, 3)
    if crs.is_geographic:
        return ("geographic", semi_major)
    operation = crs.coordinate_operation
    if operation is None:
        return None
    parameters = tuple(sorted((p.code, round(p.value, 7)) for p in operation.params))
    return (
        operation.method_code,
        parameters,
        semi_major,
        round(crs.ellipsoid.inverse_flattening, 6),
        round(crs.axis_info[0].unit_conversion_factor, 9),
    )


def _landing_in_korea(detection, bounds):
    lonlat = _lonlat_bounds(detection.srid, bounds)
    if lonlat and _inside(lonlat, SOUTH_KOREA):
        return detection
    where = f"at {_format(lonlat)}" if lonlat else "off the map"
    raise UnknownCrs(
        f"The coordinate system {describe(detection.srid)}, {detection.reason}, would put the "
        f"data {where}, outside South Korea. {_suggestion(bounds)}"
    )


def _suggestion(bounds):
    candidates = _candidates(bounds)
    if not candidates:
        return "Check the file, or give the right coordinate system with --srid."
    names = ", ".join(describe(srid) for srid in candidates)
    return f"By its coordinates it could be {names}; give the right one with --srid."


def _from_coordinates(bounds):
    if not all(math.isfinite(value) for value in bounds):
        raise UnknownCrs("The file has no coordinates to tell its coordinate system by.")
    if _inside(bounds, (-180.0, -90.0, 180.0, 90.0)):
        return _lonlat(bounds)
    candidates = _candidates(bounds)
    if len(candidates) == 1:
        reason = (
            "no coordinate system declared; of the accepted Korean systems only it puts "
            "these coordinates inside its area of use in South Korea"
        )
        return CrsDetection(candidates[0], 0.8, reason, candidates)
    if candidates:
        raise AmbiguousCrs(_ambiguity_message(candidates), candidates)
    raise UnknownCrs(
        f"No coordinate system declared, and no accepted one ({_allowed_list()}) puts "
        f"coordinates x {bounds[0]:.0f}–{bounds[2]:.0f}, y {bounds[1]:.0f}–{bounds[3]:.0f} "
        "inside South Korea. Give the coordinate system with --srid."
    )


def _lonlat(bounds):
    if _inside(bounds, SOUTH_KOREA):
        reason = "no coordinate system declared; the coordinates are longitude/latitude in Korea"
        return CrsDetection(4326, 0.9, reason, (4326,))
    raise UnknownCrs(
        f"No coordinate system declared; the coordinates look like longitude/latitude but lie "
        f"at {_format(bounds)}, outside South Korea. Give the coordinate system with --srid."
    )


def _ambiguity_message(candidates):
    names = ", ".join(describe(srid) for srid in candidates)
    return (
        f"No coordinate system declared, and the coordinates fit {len(candidates)} of the "
        f"accepted ones: {names}. The Korean systems share false origins and differ only by "
        "central meridian, datum or false northing, so coordinates alone cannot tell these "
        "apart. Give the right one with --srid."
    )


def _candidates(bounds):
    """Korean systems that put ``bounds`` inside both their area of use and South Korea."""
    found = []
    for srid in KOREAN_SRIDS:
        lonlat = _lonlat_bounds(srid, bounds)
        area = _crs(srid).area_of_use.bounds
        if lonlat and _inside(lonlat, area) and _inside(lonlat, SOUTH_KOREA):
            found.append(srid)
    return tuple(found)


def _lonlat_bounds(srid, bounds):
    if srid == 4326:
        return tuple(bounds)
    try:
        lonlat = _to_lonlat(srid).transform_bounds(*bounds, densify_pts=21)
    except ProjError:
        return None
    return lonlat if all(math.isfinite(value) for value in lonlat) else None


def _inside(inner, outer):
    return outer[0] <= inner[0] <= inner[2] <= outer[2] and outer[1] <= inner[1] <= inner[3] <= outer[3]


def _format(lonlat):
    return f"lon {lonlat[0]:.3f}–{lonlat[2]:.3f}, lat {lonlat[1]:.3f}–{lonlat[3]:.3f}"
