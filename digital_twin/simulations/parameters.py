"""A run's parameters: read from a planner's request, checked, and completed with every default.

What is stored on a run is the resolved form: every value spelled out (the
wind rose's numbers, not only the name of a season; the date of the winter
solstice the sunlight rule is checked on), so that running it again gives the
same results even after the defaults change. Anything the kernels would refuse
later — a date outside the calendar or the solar algorithm's years, a time
window the step does not divide, a wind rose whose frequencies do not sum to
100 % — is refused here, with the name of the field at fault and a message a
planner can act on.
"""

import datetime as dt
import json
import re

from django.utils import timezone
from django.utils.translation import gettext as _

from mapping.errors import InvalidInput

from ..models import SimulationKind
from ..sim.errors import InvalidTimeWindow, InvalidWindRose
from ..sim.solar import FIRST_YEAR, LAST_YEAR, winter_solstice
from ..sim.sunlight_rule import KOREAN_RULE
from ..sim.timesteps import TimeWindow
from ..sim.windrose import DEFAULTS, TOLERANCE_PCT, WindRose, seoul_seasons, seoul_wind_rose

ROUGHNESS_METHODS = ("macdonald", "rule_of_thumb")
CORRIDOR_METHODS = ("frontal", "roughness")
WEIGHTINGS = ("frequency", "frequency_speed")
FACADES = ("residential", "all", "none")
RECEIVERS = ("surface", "ground")
ANALYSES = ("wind", "sun")
DIRECTION_COUNTS = (4, 8, 16)
WIND_CELL = (25.0, 1.0, 1000.0)  # default, lowest, highest (m)
SUN_CELL = (2.0, 0.5, 100.0)
ROSE_KEYS = ("directions_deg", "frequency_pct", "speed_ms")
BUILDING_KEY = re.compile(r"(base|added):[1-9][0-9]{0,17}")
MAX_CHOSEN = 5000


class ParameterError(InvalidInput):
    """A parameter the run cannot be computed with; ``field`` names it (for the form and the API)."""

    def __init__(self, field, message):
        super().__init__(message)
        self.field = field


def resolve(kind, raw, today=None):
    """The complete, checked parameters of a run of ``kind`` from what a request gave (a mapping)."""
    raw = _mapping(raw, "parameters")
    if kind == SimulationKind.MORPHOMETRY:
        return morphometry_parameters(raw)
    if kind == SimulationKind.CORRIDORS:
        return corridor_parameters(raw)
    if kind == SimulationKind.SUNLIGHT:
        return sunlight_parameters(raw, today)
    if kind == SimulationKind.COMPARISON:
        return comparison_parameters(raw, today)
    raise ParameterError("kind", _("Unknown kind of simulation “%(kind)s”.") % {"kind": kind})


def morphometry_parameters(raw):
    _only(raw, ("cell_size", "directions", "method"))
    return {
        "cell_size": _number(raw, "cell_size", *WIND_CELL),
        "directions": _choice(raw, "directions", 16, DIRECTION_COUNTS),
        "method": _choice(raw, "method", "macdonald", ROUGHNESS_METHODS),
    }


def corridor_parameters(raw):
    _only(raw, ("cell_size", "method", "wind_rose", "corridor_method", "weighting"))
    return {
        "cell_size": _number(raw, "cell_size", *WIND_CELL),
        "method": _choice(raw, "method", "macdonald", ROUGHNESS_METHODS),
        "wind_rose": wind_rose_parameters(raw.get("wind_rose")),
        "corridor_method": _choice(raw, "corridor_method", "frontal", CORRIDOR_METHODS),
        "weighting": _choice(raw, "weighting", "frequency", WEIGHTINGS),
    }


def sunlight_parameters(raw, today=None):
    _only(
        raw,
        ("cell_size", "date", "start", "end", "step_minutes", "sunlight_rule", "facades", "margin_m", "terrain",
         "receiver"),
    )  # fmt: skip
    day = _date(raw.get("date"), today)
    start, end = str(raw.get("start", "08:00")), str(raw.get("end", "16:00"))
    step = _number(raw, "step_minutes", 10, 1, 120, integer=True)
    for field, minutes in (("start", 1), ("step_minutes", step)):
        try:
            TimeWindow.of(day, start, end, minutes)
        except InvalidTimeWindow as exc:
            raise ParameterError(field, _window_message(start, end, step)) from exc
    check_rule = _flag(raw, "sunlight_rule", True)
    rule_day = winter_solstice(day.year)
    if check_rule:
        try:
            KOREAN_RULE.window(rule_day, step)
        except InvalidTimeWindow as exc:
            raise ParameterError(
                "step_minutes",
                _("The sunlight-right check needs a step that divides an hour (5, 10, 15, 30 min…), not %(step)s.")
                % {"step": step},
            ) from exc
    return {
        "cell_size": _number(raw, "cell_size", *SUN_CELL),
        "date": day.isoformat(),
        "start": start,
        "end": end,
        "step_minutes": step,
        "sunlight_rule": check_rule,
        "rule_date": rule_day.isoformat() if check_rule else None,
        "facades": _facades(raw) if check_rule else "none",
        "margin_m": _number(raw, "margin_m", 200.0, 0.0, 2000.0),
        "terrain": _flag(raw, "terrain", True),
        "receiver": _choice(raw, "receiver", "surface", RECEIVERS),
    }


def comparison_parameters(raw, today=None):
    _only(raw, ("analyses", "wind", "sun", "loss_hours"))
    analyses = raw.get("analyses", list(ANALYSES))
    if not isinstance(analyses, list | tuple) or not analyses or not set(analyses) <= set(ANALYSES):
        raise ParameterError("analyses", _("Compare the wind, the sun or both."))
    resolved = {"analyses": [name for name in ANALYSES if name in analyses]}
    if "wind" in analyses:
        resolved["wind"] = corridor_parameters(_mapping(raw.get("wind", {}), "wind"))
    if "sun" in analyses:
        resolved["sun"] = sunlight_parameters(_mapping(raw.get("sun", {}), "sun"), today)
    resolved["loss_hours"] = _number(raw, "loss_hours", 1.0, 0.1, 12.0)
    return resolved


def wind_rose_parameters(raw):
    """A season of Seoul's defaults (``{"season": "winter"}``, the default) or a rose of its own numbers."""
    raw = _mapping(raw if raw is not None else {"season": "winter"}, "wind_rose")
    if "season" in raw:
        season = raw["season"]
        if season not in seoul_seasons():
            raise ParameterError(
                "wind_rose", _("There is no season “%(season)s”; choose one of %(seasons)s.")
                % {"season": season, "seasons": ", ".join(seoul_seasons())},
            )  # fmt: skip
        rose, source = seoul_wind_rose(season), "seoul-default"
    else:
        missing = [key for key in ROSE_KEYS if key not in raw]
        if missing:
            raise ParameterError(
                "wind_rose", _("A wind rose needs directions, frequencies and speeds (missing: %(keys)s).")
                % {"keys": ", ".join(missing)},
            )  # fmt: skip
        rose, source = _own_rose(raw), "custom"
    return {
        "name": rose.name,
        "source": source,
        "directions_deg": [float(v) for v in rose.directions],
        "frequency_pct": [float(v) for v in rose.frequencies],
        "speed_ms": [float(v) for v in rose.speeds],
        "calm_pct": float(rose.calm),
    }


def rose_of(parameters):
    """The ``WindRose`` of resolved wind-rose parameters."""
    return WindRose.from_mapping(parameters, name=parameters["name"])


def is_illustrative(rose_parameters):
    """Whether the rose is one of the defaults the data file marks as illustrative."""
    return rose_parameters["source"] == "seoul-default"


def defaults_status():
    """The defaults file's own warning (its "status" text), shown wherever its roses are used."""
    return json.loads(DEFAULTS.read_text(encoding="utf-8"))["status"]


def _own_rose(raw):
    try:
        return WindRose.from_mapping(raw, name=str(raw.get("name", "custom"))[:50] or "custom")
    except InvalidWindRose as exc:
        if exc.total_pct is not None:
            message = _(
                "The wind rose's frequencies (every direction plus calm) sum to %(total).1f %%; they must sum to "
                "100 %% (± %(tolerance)s)."
            ) % {"total": exc.total_pct, "tolerance": TOLERANCE_PCT}
        else:
            message = _("The wind rose is not valid: %(reason)s.") % {"reason": exc}
        raise ParameterError("wind_rose", message) from exc
    except (TypeError, ValueError) as exc:
        raise ParameterError("wind_rose", _("The wind rose's numbers must be lists of numbers.")) from exc


def _facades(raw):
    """ "residential", "all", "none", or a list of building keys ("base:12", "added:3") whose façades are checked."""
    value = raw.get("facades", "residential")
    if not isinstance(value, list):
        return _choice(raw, "facades", "residential", FACADES)
    if not value or len(value) > MAX_CHOSEN or not all(isinstance(k, str) and BUILDING_KEY.fullmatch(k) for k in value):
        raise ParameterError(
            "facades",
            _("Choose the façades as residential, all or none, or list up to %(most)s buildings as “base:ID” or "
              "“added:ID”.") % {"most": MAX_CHOSEN},
        )  # fmt: skip
    return sorted(set(value), key=lambda key: (key.split(":")[0], int(key.split(":")[1])))


def _date(value, today=None):
    if value in (None, ""):
        year = (today or timezone.localdate()).year
        return winter_solstice(min(max(year, FIRST_YEAR), LAST_YEAR))
    if isinstance(value, dt.date):
        value = value.isoformat()
    try:
        day = dt.date.fromisoformat(str(value).strip())
    except ValueError as exc:
        raise ParameterError(
            "date", _("“%(value)s” is not a date of the calendar (YYYY-MM-DD).") % {"value": value}
        ) from exc
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ParameterError(
            "date",
            _("%(date)s is outside the years %(first)s–%(last)s the solar position is computed for.")
            % {"date": day.isoformat(), "first": FIRST_YEAR, "last": LAST_YEAR},
        )
    return day


def _window_message(start, end, step):
    return _(
        "The time window %(start)s–%(end)s must be two times of one day (HH:MM), the end after the start, "
        "cut into whole steps of %(step)s min."
    ) % {"start": start, "end": end, "step": step}


def _mapping(value, field):
    if not isinstance(value, dict):
        raise ParameterError(field, _("“%(field)s” must be a JSON object.") % {"field": field})
    return value


def _only(raw, allowed):
    unknown = sorted(set(raw) - set(allowed))
    if unknown:
        raise ParameterError(
            unknown[0], _("Unknown parameter “%(name)s”; the parameters are %(allowed)s.")
            % {"name": unknown[0], "allowed": ", ".join(allowed)},
        )  # fmt: skip


def _number(raw, field, default, low, high, integer=False):
    value = raw.get(field, default)
    if value in (None, ""):
        value = default
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = float("nan")
    if isinstance(value, bool) or not low <= number <= high or (integer and number != int(number)):
        kind = _("a whole number") if integer else _("a number")
        raise ParameterError(
            field, _("“%(field)s” must be %(kind)s from %(low)s to %(high)s.")
            % {"field": field, "kind": kind, "low": f"{low:g}", "high": f"{high:g}"},
        )  # fmt: skip
    return int(number) if integer else number


def _choice(raw, field, default, choices):
    value = raw.get(field, default)
    if value in (None, ""):
        value = default
    if isinstance(value, str) and all(isinstance(c, int) for c in choices) and value.isdigit():
        value = int(value)
    if value not in choices:
        raise ParameterError(
            field, _("“%(field)s” must be one of %(choices)s.")
            % {"field": field, "choices": ", ".join(str(c) for c in choices)},
        )  # fmt: skip
    return value


def _flag(raw, field, default):
    value = raw.get(field, default)
    if not isinstance(value, bool):
        raise ParameterError(field, _("“%(field)s” must be true or false.") % {"field": field})
    return value
