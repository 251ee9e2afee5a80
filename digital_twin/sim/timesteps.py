"""A day's time window cut into equal steps: the instants at which the sun is sampled, validated.

The window ``[start, end)`` of one local calendar day is cut into intervals of
``step_minutes``; each interval is sampled once, at its midpoint (the midpoint
rule: an interval counts as sunlit when the sun reaches the point at its
middle). Minutes are integers so that "exactly two hours" is exactly 120
minutes, never 119.999. ``end`` may be "24:00". Times are local wall-clock
times in ``timezone`` (Korea has no daylight saving time, but the zone is
honoured).
"""

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np

from digital_twin.sim.errors import InvalidDate, InvalidTimeWindow
from digital_twin.sim.solar import FIRST_YEAR, LAST_YEAR

SEOUL = "Asia/Seoul"


@dataclass(frozen=True)
class TimeWindow:
    date: dt.date
    start_minute: int  # minutes after local midnight
    end_minute: int
    step_minutes: int
    timezone: str = SEOUL

    @classmethod
    def of(cls, date, start="08:00", end="16:00", step_minutes=10, timezone=SEOUL):
        """Parse and validate: ``date`` a ``datetime.date`` or "YYYY-MM-DD", ``start``/``end`` "HH:MM"."""
        day = parse_date(date)
        first, last = clock_minutes(start), clock_minutes(end)
        if isinstance(step_minutes, bool) or not isinstance(step_minutes, int | np.integer) or step_minutes <= 0:
            raise InvalidTimeWindow(f"the step must be a positive whole number of minutes, not {step_minutes!r}")
        if last <= first:
            raise InvalidTimeWindow(f"the time window {start}–{end} ends before it starts")
        if (last - first) % step_minutes:
            raise InvalidTimeWindow(
                f"a step of {step_minutes} min does not divide the window {start}–{end} ({last - first} min)"
            )
        try:
            ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise InvalidTimeWindow(f"unknown time zone {timezone!r}") from exc
        return cls(day, first, last, int(step_minutes), timezone)

    @property
    def count(self):
        return (self.end_minute - self.start_minute) // self.step_minutes

    def interval_starts(self):
        """Start of every interval, minutes after local midnight (integers)."""
        return self.start_minute + self.step_minutes * np.arange(self.count)

    def midpoints_utc(self):
        """The sampling instants (interval midpoints) as UTC ``datetime64[us]``."""
        midnight = dt.datetime.combine(self.date, dt.time(0), tzinfo=ZoneInfo(self.timezone))
        offsets = (self.interval_starts() * 60 + self.step_minutes * 30).tolist()
        local = [midnight + dt.timedelta(seconds=s) for s in offsets]
        return np.array([np.datetime64(t.astimezone(dt.UTC).replace(tzinfo=None), "us") for t in local])

    def inside(self, start, end):
        """Which intervals lie wholly within the sub-window ``start``–``end`` ("HH:MM")."""
        first, last = clock_minutes(start), clock_minutes(end)
        starts = self.interval_starts()
        return (starts >= first) & (starts + self.step_minutes <= last)


def parse_date(value):
    """A ``datetime.date`` from a date or an ISO "YYYY-MM-DD" string, within the solar algorithm's years."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError as exc:
            raise InvalidDate(f"{value!r} is not a calendar date (YYYY-MM-DD): {exc}") from exc
    if not isinstance(value, dt.date):
        raise InvalidDate(f"{value!r} is not a date")
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise InvalidDate(
            f"{value.isoformat()} is outside the years {FIRST_YEAR}–{LAST_YEAR} the solar algorithm covers"
        )
    return value


def clock_minutes(value):
    """Minutes after midnight of "HH:MM" (00:00–24:00) or a ``datetime.time``."""
    if isinstance(value, dt.time):
        return value.hour * 60 + value.minute
    try:
        hours, minutes = (int(part) for part in str(value).split(":"))
    except ValueError as exc:
        raise InvalidTimeWindow(f"{value!r} is not a time of day (HH:MM)") from exc
    total = hours * 60 + minutes
    if not (0 <= hours <= 24 and 0 <= minutes < 60 and total <= 24 * 60):
        raise InvalidTimeWindow(f"{value!r} is not a time of day between 00:00 and 24:00")
    return total
