"""Numbers as building files write them: text, integers or floats, with blanks and junk read as missing."""

import numpy as np


def number(value):
    """``value`` as a float, or None when it is missing or not a number."""
    try:
        result = float(value)
    except (TypeError, ValueError):
        return None
    return result if np.isfinite(result) else None


def count(value):
    """``value`` as a non-negative whole number (floors), 0 when missing."""
    result = number(value)
    return max(int(round(result)), 0) if result is not None else 0
