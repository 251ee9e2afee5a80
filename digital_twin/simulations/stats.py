"""Numbers of the results as JSON: means over the study area's cells, rounded the same way everywhere.

Statistics are rounded to ``DIGITS`` significant digits (a committee reads
"0.3412", not sixteen digits of float noise) and written with sorted keys, so
the same results give the same bytes; NaN and infinities become ``null``.
"""

import json
import math

import numpy as np

DIGITS = 6


def rounded(value):
    value = float(value)
    if not math.isfinite(value):
        return None
    return float(f"{value:.{DIGITS}g}")


def mean_over(array, mask):
    """The mean of ``array`` over the cells of ``mask`` (None when the mask is empty)."""
    mask = np.asarray(mask, dtype=bool)
    return rounded(np.asarray(array)[mask].mean()) if mask.any() else None


def extremes(array, mask):
    """{"mean", "min", "max"} of ``array`` over ``mask``."""
    mask = np.asarray(mask, dtype=bool)
    if not mask.any():
        return {"mean": None, "min": None, "max": None}
    values = np.asarray(array)[mask]
    return {"mean": rounded(values.mean()), "min": rounded(values.min()), "max": rounded(values.max())}


def area(mask, cell_area):
    return rounded(np.count_nonzero(mask) * cell_area)


def by_direction(directions, values):
    """{"225": value, …} with the directions written as in every statistic ("%g" degrees)."""
    return {f"{float(d):g}": value for d, value in zip(directions, values, strict=True)}


def clean(value):
    """A JSON-ready copy: numpy scalars and arrays as Python numbers and lists, floats rounded."""
    if isinstance(value, dict):
        return {str(k): clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple | np.ndarray):
        return [clean(v) for v in value]
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return rounded(value)
    return value


def json_bytes(statistics):
    return json.dumps(clean(statistics), ensure_ascii=False, sort_keys=True, indent=2).encode("utf-8")
