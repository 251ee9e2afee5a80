"""Query-string filters of a layer tile: ``category`` (repeatable), ``status``, ``since``, ``until``.

Values are checked here and then bound as SQL parameters; anything that is
not a well-formed key, status or date is a ``FilterError`` (HTTP 400).
"""

import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from layers.models import FeatureStatus

CATEGORY_KEY = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
KNOWN = {"category", "status", "since", "until", "v"}


class FilterError(ValueError):
    pass


@dataclass(frozen=True)
class TileFilters:
    categories: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    since: datetime | None = None
    until: datetime | None = None

    def sql_params(self):
        return {
            "categories": list(self.categories),
            "statuses": list(self.statuses),
            "since": self.since,
            "until": self.until,
        }

    @property
    def cache_key(self):
        if self == NO_FILTERS:
            return "-"
        text = repr((self.categories, self.statuses, self.since, self.until))
        return hashlib.sha256(text.encode()).hexdigest()[:16]


NO_FILTERS = TileFilters()


def parse_filters(query):
    unknown = sorted(set(query) - KNOWN)
    if unknown:
        raise FilterError(f"Unknown parameters: {', '.join(unknown)}. Use category, status, since, until.")
    categories = tuple(sorted(set(query.getlist("category"))))
    for key in categories:
        if not CATEGORY_KEY.match(key):
            raise FilterError("A category is a key of lowercase letters, digits, '-' and '_'.")
    statuses = tuple(sorted(set(query.getlist("status"))))
    for status in statuses:
        if status not in FeatureStatus.values:
            raise FilterError(f"Unknown status; use one of {', '.join(FeatureStatus.values)}.")
    since, until = _moment(query.get("since"), "since"), _moment(query.get("until"), "until")
    if since and until and since >= until:
        raise FilterError("'since' must be before 'until'.")
    return TileFilters(categories, statuses, since, until)


def _moment(text, name):
    """An ISO date-time, or a date: ``since`` from the start of that day in Seoul, ``until`` to its end."""
    if not text:
        return None
    try:
        if len(text) == 10:
            day = date.fromisoformat(text) + timedelta(days=1 if name == "until" else 0)
            return timezone.make_aware(datetime.combine(day, time.min))
        moment = datetime.fromisoformat(text)
    except ValueError as exc:
        raise FilterError(f"'{name}' must be a date (2026-11-22) or an ISO date-time.") from exc
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)
