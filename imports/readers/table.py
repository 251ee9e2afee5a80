"""Read a table of places — CSV, TSV or XLSX — whose rows carry coordinates in columns.

Coordinates come from a WKT column, lon/lat columns or projected x/y columns,
recognised by their Korean and English names (``imports.columns``) or named
by the caller. x/y in metres are placed by ``detect_crs`` like any other
file, since agencies rarely say which Korean TM they used. Rows whose
coordinates are empty or not numbers are kept, noted as skipped with their
line number. Text files are decoded with the detected (or given) encoding;
XLSX is unpacked only after the zip checks and parsed by openpyxl, which uses
defusedxml when it is installed. Pure: no Django.
"""

import csv
import io
import math
import re
from datetime import date, datetime, time
from pathlib import Path

import numpy as np
import shapely

from ..columns import coordinate_columns
from ..detection import Detection
from ..spreadsheet_cells import plain_cell
from .archive import open_archive
from .data import assemble
from .errors import GeometryError, TooLarge, UnsupportedFile
from .vector import check_size, choose_encoding, choose_layer, decode

DELIMITERS = ",\t;|"
SNIFF_BYTES = 64 * 1024
WKT_START = re.compile(r"^\s*(SRID=\d+;\s*)?(MULTI)?(POINT|LINESTRING|POLYGON)|^\s*GEOMETRYCOLLECTION", re.IGNORECASE)
NUMBER_NOISE = re.compile(r"[\s,]")
ESCAPED = re.compile(r"'[=+\-@\t\r]")  # a cell escaped by imports.spreadsheet_cells.safe_cell
XLSX_TEXT = Detection("utf-8", 1.0, "an XLSX workbook always stores its text as Unicode")


def read_text_table(path, *, encoding=None, srid=None, limits, coordinates=None, strict=False):
    """A CSV or TSV file (``coordinates``: a WKT column name, or an (x, y) pair of column names)."""
    path = Path(path)
    check_size(path, limits)
    data = path.read_bytes()
    chosen = choose_encoding([data], encoding, cpg=None, source=f"the text of {path.name}")
    text = decode(data, chosen.value, path.name, [data]).lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""), dialect=_dialect(path, text))
    header, rows, lines = _records(reader, limits, escaped=ESCAPED.search(text) is not None)
    return _table(path.stem, header, rows, lines, chosen, srid, coordinates, strict)


def read_workbook(path, *, srid=None, layer=None, limits, coordinates=None, strict=False):
    """The first sheet of an XLSX workbook, or the one ``layer`` names."""
    import openpyxl  # a large import, needed only for workbooks

    path = Path(path)
    check_size(path, limits)
    with open_archive(path, limits):
        pass
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        raise UnsupportedFile(f"{path.name} cannot be read as an XLSX workbook: {exc}") from None
    try:
        sheet = workbook[choose_layer(path.name, workbook.sheetnames, layer, "sheet")]
        records = ([_cell(value) for value in row] for row in sheet.iter_rows(values_only=True))
        header, rows, lines = _records(records, limits, escaped=True)
    finally:
        workbook.close()
    return _table(sheet.title, header, rows, lines, XLSX_TEXT, srid, coordinates, strict)


def _dialect(path, text):
    if path.suffix.lower() in (".tsv", ".tab"):
        return _Delimited("\t")
    try:
        return csv.Sniffer().sniff(text[:SNIFF_BYTES], delimiters=DELIMITERS)
    except csv.Error:
        return _Delimited(",")


class _Delimited(csv.excel):
    def __init__(self, delimiter):
        super().__init__()
        self.delimiter = delimiter


def _records(records, limits, *, escaped):
    """(header, rows, line of each row); blank rows are left out, lines count from 1 with the header.

    ``escaped``: the text may hold cells that ``safe_cell`` escaped, which are unescaped (``plain_cell``).
    """
    header, rows, lines = None, [], []
    for line, record in enumerate(records, 1):
        if not any(value not in (None, "") for value in record):
            continue
        if header is None:
            header = _unique([str(value or "").strip() for value in record])
            continue
        if len(rows) >= limits.max_rows:
            raise TooLarge(f"The table has more than {limits.max_rows:,} rows, the most one import may hold.")
        values = [plain_cell(value) for value in record] if escaped else record
        rows.append(dict(zip(header, [*values, *[""] * (len(header) - len(values))], strict=False)))
        lines.append(line)
    if header is None:
        raise GeometryError("The table is empty.")
    return header, rows, lines


def _unique(names):
    seen, unique = {}, []
    for index, name in enumerate(names, 1):
        name = name or f"column_{index}"
        seen[name] = seen.get(name, 0) + 1
        unique.append(name if seen[name] == 1 else f"{name}_{seen[name]}")
    return unique


def _cell(value):
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return value


def _table(name, header, rows, lines, encoding, srid, coordinates, strict):
    found = _coordinate_columns(header, rows, coordinates)
    if found is None:
        raise GeometryError(
            f"No coordinate columns in {name}: name them 경도/위도 or lon/lat (degrees), X좌표/Y좌표 or x/y "
            f"(metres, or degrees), or WKT; the columns are {', '.join(header)}."
        )
    if found[0] == "wkt":
        geometries, skipped = _from_wkt(rows, found[1])
        note = f"geometries from the WKT column {found[1]}"
    else:
        geometries, skipped = _from_numbers(rows, found[1], found[2])
        note = f"coordinates from the columns {found[1]} (x, longitude) and {found[2]} (y, latitude)"
    return assemble(
        name,
        geometries,
        rows,
        encoding,
        declared="EPSG:4326" if found[0] == "lonlat" else None,
        declared_by=f"the column names {'/'.join(found[1:])} (longitude/latitude)",
        srid=srid,
        strict=strict,
        columns=tuple(header),
        lines=tuple(lines),
        skipped=skipped,
        notes=(note,),
    )


def _coordinate_columns(header, rows, given):
    if given:
        missing = [column for column in ([given] if isinstance(given, str) else given) if column not in header]
        if missing:
            raise GeometryError(f"No column {', '.join(missing)}; the columns are {', '.join(header)}.")
        return ("wkt", given) if isinstance(given, str) else ("xy", *given)
    found = coordinate_columns(header)
    if found and found[0] == "wkt" and not _looks_like_wkt(rows, found[1]):
        found = coordinate_columns([column for column in header if column != found[1]])
    return found


def _looks_like_wkt(rows, column):
    value = next((row[column] for row in rows if row[column] not in (None, "")), "")
    return isinstance(value, str) and bool(WKT_START.match(value))


def _from_wkt(rows, column):
    texts = np.array([str(row[column] or "").strip() for row in rows], dtype=object)
    texts = np.array([re.sub(r"^SRID=\d+;", "", text, flags=re.IGNORECASE) for text in texts], dtype=object)
    geometries = shapely.from_wkt(np.where(texts == "", None, texts), on_invalid="ignore")
    skipped = {}
    for index in np.flatnonzero(shapely.is_missing(geometries)):
        skipped[int(index)] = "no geometry" if texts[index] == "" else f"{column} is not WKT ({texts[index]:.40})"
    return geometries, skipped


def _from_numbers(rows, x_column, y_column):
    xs, ys, skipped = np.full(len(rows), np.nan), np.full(len(rows), np.nan), {}
    for index, row in enumerate(rows):
        x, y = _number(row[x_column]), _number(row[y_column])
        if x is None or y is None:
            skipped[index] = _why_no_point(row[x_column], row[y_column], x_column, y_column)
        else:
            xs[index], ys[index] = x, y
    geometries = shapely.points(xs, ys)
    geometries[~(np.isfinite(xs) & np.isfinite(ys))] = None
    return geometries, skipped


def _number(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) if math.isfinite(value) else None
    try:
        number = float(NUMBER_NOISE.sub("", str(value or "")))
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _why_no_point(x, y, x_column, y_column):
    if x in (None, "") and y in (None, ""):
        return "no coordinates"
    bad = [f"{column} {value!r:.30}" for column, value in ((x_column, x), (y_column, y)) if _number(value) is None]
    return f"coordinates that are not numbers ({', '.join(bad)})"
