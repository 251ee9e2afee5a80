"""Load autonomous districts (자치구) from a boundary file into ``District`` rows.

The file is read with ``read_vector`` (any supported format, encoding and
Korean coordinate system); its code and name columns are recognised by their
usual names. Every row is checked before anything is written, then all
districts are inserted or updated by code in one transaction: a bad file
changes nothing.
"""

import re
from dataclasses import dataclass

import shapely
from django.contrib.gis.geos import GEOSGeometry, MultiPolygon
from django.db import transaction

from mapping.district_names import SEOUL_DISTRICTS
from mapping.models import District

from .detection import describe
from .readers import read_vector

CODE_COLUMNS = ("sig_cd", "code", "adm_cd", "adm_code", "sgg_cd", "sigungu_cd")
NAME_KO_COLUMNS = ("sig_kor_nm", "name_ko", "sgg_nm", "sggnm", "sigungu_nm", "adm_nm", "name")
NAME_EN_COLUMNS = ("sig_eng_nm", "name_en", "eng_nm", "name_eng")
KOREAN_NAME = re.compile(r"^[\uac00-\ud7a3\d]+$")
NAME_KO_MAX = District._meta.get_field("name_ko").max_length
NAME_EN_MAX = District._meta.get_field("name_en").max_length


class DistrictImportError(ValueError):
    """The file was read but does not describe districts; the message says which row and why."""


@dataclass(frozen=True)
class DistrictRecord:
    """One checked district, ready to be written."""

    code: str
    name_ko: str
    name_en: str
    boundary: MultiPolygon


def load_districts(path, *, srid=None, encoding=None, layer=None, stdout=None):
    """Insert or update the districts in ``path``; return how many. ``stdout`` gets a report."""
    data = read_vector(path, encoding=encoding, srid=srid, layer=layer)
    _report(stdout, data)
    records = district_records(data)
    created = _upsert(records)
    _say(stdout, f"{len(records)} districts: {created} new, {len(records) - created} updated.")
    return len(records)


def district_records(data):
    """Check the rows of ``data`` (a ``VectorData``) and turn them into ``DistrictRecord``s."""
    columns = list(data.rows[0]) if data.rows else []
    code_column = _find_column(columns, CODE_COLUMNS, required=True)
    name_ko_column = _find_column(columns, NAME_KO_COLUMNS)
    name_en_column = _find_column(columns, NAME_EN_COLUMNS)
    records = []
    for number, (row, geometry) in enumerate(zip(data.rows, data.geometries, strict=True), 1):
        code = _code(row[code_column], number)
        records.append(
            DistrictRecord(
                code=code,
                name_ko=_name_ko(row.get(name_ko_column), code, number, data.encoding.value),
                name_en=_name_en(row.get(name_en_column), code, number),
                boundary=_boundary(geometry, code, number),
            )
        )
    _refuse_duplicates(records)
    return records


def _find_column(columns, known, *, required=False):
    by_lower = {column.lower(): column for column in columns}
    found = next((by_lower[name] for name in known if name in by_lower), None)
    if found is None and required:
        raise DistrictImportError(
            f"No district code column: expected one of {', '.join(known).upper()}, "
            f"found {', '.join(columns) or 'no columns'}."
        )
    return found


def _code(value, number):
    """The five-digit SIG_CD; numbers and 10-digit codes of a district (1111000000) are accepted."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = "" if value is None else str(value).strip()
    if re.fullmatch(r"\d{5}0{5}", text):
        text = text[:5]
    if not re.fullmatch(r"\d{5}", text):
        raise DistrictImportError(f"Row {number}: {text!r} is not a five-digit district code (SIG_CD, e.g. 11110).")
    return text


def _name_ko(value, code, number, encoding):
    """The Korean name, last word only ("서울특별시 종로구" → "종로구"); it must be Hangul."""
    words = str(value or "").split()
    if not words:
        return _builtin_name_ko(code, number)
    if not KOREAN_NAME.match(words[-1]):
        raise DistrictImportError(
            f"Row {number} ({code}): the Korean name {value!r} is not Hangul; the text encoding "
            f"({encoding}) is probably wrong. Give the right one with --encoding."
        )
    return _fit(words[-1], NAME_KO_MAX, code, number)


def _builtin_name_ko(code, number):
    if code not in SEOUL_DISTRICTS:
        raise DistrictImportError(f"Row {number} ({code}) has no Korean name and is not one of Seoul's districts.")
    return SEOUL_DISTRICTS[code][0]


def _name_en(value, code, number):
    name = str(value or "").strip()
    if name:
        return _fit(name, NAME_EN_MAX, code, number)
    return SEOUL_DISTRICTS.get(code, ("", ""))[1]


def _fit(name, limit, code, number):
    if len(name) > limit:
        raise DistrictImportError(f"Row {number} ({code}): the name {name!r} is too long.")
    return name


def _boundary(geometry, code, number):
    if geometry is None or geometry.is_empty:
        raise DistrictImportError(f"Row {number} ({code}) has no boundary.")
    if geometry.geom_type == "Polygon":
        geometry = shapely.MultiPolygon([geometry])
    if geometry.geom_type != "MultiPolygon":
        raise DistrictImportError(f"Row {number} ({code}): a boundary must be a polygon, not a {geometry.geom_type}.")
    return GEOSGeometry(memoryview(shapely.to_wkb(geometry)), srid=4326)


def _refuse_duplicates(records):
    seen = {}
    for number, record in enumerate(records, 1):
        if record.code in seen:
            raise DistrictImportError(
                f"District {record.code} appears twice, in rows {seen[record.code]} and {number}."
            )
        seen[record.code] = number


def _upsert(records):
    """Insert or update every record in one transaction; return how many were new."""
    created = 0
    with transaction.atomic():
        for record in records:
            _, is_new = District.objects.update_or_create(
                code=record.code,
                defaults={
                    "name_ko": record.name_ko,
                    "name_en": record.name_en,
                    "boundary": record.boundary,
                },
            )
            created += is_new
    return created


def _report(stdout, data):
    _say(stdout, f"Layer {data.layer}: {len(data.geometries)} features.")
    _say(stdout, f"Text encoding: {data.encoding.value} ({data.encoding.reason}).")
    _say(stdout, f"Coordinate system: {describe(data.crs.srid)} ({data.crs.reason}).")
    if data.repaired:
        _say(stdout, f"Repaired {data.repaired} invalid boundaries.")


def _say(stdout, line):
    if stdout is not None:
        stdout.write(f"{line}\n")
