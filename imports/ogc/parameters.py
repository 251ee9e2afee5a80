"""The query parameters of ``/items``: ``bbox``, ``limit``, ``offset``, ``datetime``; unknown ones are refused.

Pure: no Django. Each invalid value raises ``OgcError`` 400 with what was
expected, as OGC API – Features Part 1 requires.
"""

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from .errors import OgcError

ITEMS_PARAMETERS = {"bbox", "limit", "offset", "datetime", "f"}
DEFAULT_LIMIT = 100
OPEN = ("", "..")


@dataclass(frozen=True)
class ItemsQuery:
    bbox: tuple | None
    limit: int
    offset: int
    since: datetime | None
    until: datetime | None
    datetime: str | None = None  # as given, for the links to other pages


def items_query(params, max_limit):
    unknown = sorted(set(params) - ITEMS_PARAMETERS)
    if unknown:
        raise OgcError(400, "InvalidParameterValue", f"Unknown parameters: {', '.join(unknown)}.")
    since, until = _datetime(params.get("datetime"))
    return ItemsQuery(
        bbox=_bbox(params.get("bbox")),
        limit=min(_integer(params.get("limit"), "limit", DEFAULT_LIMIT, minimum=1), max_limit),
        offset=_integer(params.get("offset"), "offset", 0, minimum=0),
        since=since,
        until=until,
        datetime=params.get("datetime"),
    )


def only_format(params):
    unknown = sorted(set(params) - {"f"})
    if unknown:
        raise OgcError(400, "InvalidParameterValue", f"Unknown parameters: {', '.join(unknown)}.")


def _integer(text, name, default, *, minimum):
    if text is None:
        return default
    try:
        value = int(text)
    except ValueError:
        raise OgcError(400, "InvalidParameterValue", f"{name} must be a whole number, not {text!r}.") from None
    if value < minimum:
        raise OgcError(400, "InvalidParameterValue", f"{name} must be at least {minimum}.")
    return value


def _bbox(text):
    if text is None:
        return None
    try:
        values = [float(part) for part in text.split(",")]
    except ValueError:
        values = []
    if len(values) not in (4, 6) or not all(math.isfinite(value) for value in values):
        raise OgcError(400, "InvalidParameterValue", "bbox is four (or six) numbers: west,south,east,north in CRS84.")
    west, south, east, north = values if len(values) == 4 else (values[0], values[1], values[3], values[4])
    if south > north or not (-90 <= south <= 90 and -90 <= north <= 90):
        raise OgcError(400, "InvalidParameterValue", "bbox: south must not be above north, both within ±90°.")
    return west, south, east, north


def _datetime(text):
    """(since, until) from an RFC 3339 instant, date or interval (``a/b``, ``../b``, ``a/..``)."""
    if text is None:
        return None, None
    if "/" not in text:
        instant = _instant(text, end=False)
        return instant, _instant(text, end=True)
    start, _, end = text.partition("/")
    if start in OPEN and end in OPEN:
        raise OgcError(400, "InvalidParameterValue", "datetime: an interval needs at least one end.")
    since = None if start in OPEN else _instant(start, end=False)
    until = None if end in OPEN else _instant(end, end=True)
    if since and until and since > until:
        raise OgcError(400, "InvalidParameterValue", "datetime: the interval ends before it starts.")
    return since, until


def _instant(text, *, end):
    """A date covers its whole day (UTC); a date-time is itself."""
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            moment = datetime.combine(day, time.min, tzinfo=UTC)
            return moment + timedelta(days=1) - timedelta(microseconds=1) if end else moment
        moment = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise OgcError(400, "InvalidParameterValue", f"datetime: {text!r} is not an RFC 3339 date or time.") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
