"""Turn a cell of a file into the value an extra field of the layer takes (number, flag, date, choice, text).

Files hold numbers as text ("1,234"), flags as 예/아니오, Y/N, O/X or 1/0, and
dates as 2024.03.05 or 2024-03-05 00:00:00; each is understood here, and a
value that cannot be understood raises ``ValueError`` with what was expected,
so the import can report it. Pure: no Django.
"""

import math
import re
from datetime import date, datetime

from .field_mapping import cell_text

TRUE = {"true", "t", "yes", "y", "1", "예", "네", "o", "참", "있음", "on"}
FALSE = {"false", "f", "no", "n", "0", "아니오", "아니요", "x", "거짓", "없음", "off"}
DATE = re.compile(r"^(\d{4})[-./년\s]+(\d{1,2})[-./월\s]+(\d{1,2})")
THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")


def coerce(definition, value):
    """The value of ``definition``'s type for the cell ``value``; None when the cell is empty."""
    if isinstance(value, bool) and definition.get("type") == "boolean":
        return value
    text = cell_text(value)
    if text == "":
        return None
    kind = definition.get("type", "text")
    if kind == "number":
        return _number(value, text)
    if kind == "boolean":
        return _flag(text)
    if kind == "date":
        return _date(text)
    if kind == "choice":
        return _choice(definition, text)
    return text


def _number(value, text):
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    else:
        try:
            number = float(THOUSANDS.sub("", text).replace(" ", ""))
        except ValueError:
            raise ValueError(f"{text!r:.40} is not a number") from None
    if not math.isfinite(number):
        raise ValueError(f"{text!r:.40} is not a finite number")
    return int(number) if number.is_integer() and abs(number) < 2**53 else number


def _flag(text):
    lowered = text.lower()
    if lowered in TRUE:
        return True
    if lowered in FALSE:
        return False
    raise ValueError(f"{text!r:.40} is not yes or no")


def _date(text):
    match = DATE.match(text)
    if match:
        try:
            return date(*map(int, match.groups())).isoformat()
        except ValueError:
            pass
    try:
        return datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        raise ValueError(f"{text!r:.40} is not a date (YYYY-MM-DD)") from None


def _choice(definition, text):
    choices = definition.get("choices", [])
    if text in choices:
        return text
    lowered = {str(choice).lower(): choice for choice in choices}
    if text.lower() in lowered:
        return lowered[text.lower()]
    raise ValueError(f"{text!r:.40} is not one of {', '.join(map(str, choices))}")
