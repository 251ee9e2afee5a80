"""The main use of a building from what a file says: a 건축물용도코드, its Korean name, or an English word.

The table is data (``digital_twin/data/building_uses.json``) so an agency's
own code list can be added without touching code. Unknown values become
``"other"``: a use is shown and counted, never a reason to refuse a building.
"""

import json
import re
from functools import cache
from importlib.resources import files

OTHER = "other"
CODE = re.compile(r"^(\d{2})\d{0,3}$")


@cache
def use_table():
    return json.loads(files("digital_twin").joinpath("data", "building_uses.json").read_text(encoding="utf-8"))


def building_use(value):
    """The ``BuildingUse`` value for ``value`` (code, Korean name or English word; None or "" → "other")."""
    if value is None:
        return OTHER
    text = str(int(value) if isinstance(value, float) and value.is_integer() else value).strip()
    table = use_table()
    code = CODE.match(text.zfill(5) if text.isdigit() and len(text) < 5 else text)
    if code:
        return table["codes"].get(code.group(1), OTHER)
    compact = text.replace(" ", "")
    if compact in table["names"]:
        return table["names"][compact]
    return table["english"].get(text.lower(), OTHER)
