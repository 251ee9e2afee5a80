"""A gentle, deterministic DEM under the demo city: a valley floor rising to a low hill in the south-east.

Pure numpy (no Django, no outside data): elevations in metres above sea
level on a grid of ``CELL_M`` metres in EPSG:5186 around the demo city, like
the ground between 청계천 (about 25 m) and the foot of 남산 (60 m and more):
a slope of a few per cent at most, so the buildings stand on it plausibly.
"""

import numpy as np

from .demo_city import CITY_HALL_5186, DEFAULT_SIZE_M

CELL_M = 5.0
MARGIN_M = 200.0
FLOOR_M = 24.0
HILL = {"dx": 650.0, "dy": -700.0, "height": 38.0, "radius": 450.0}
NORTH_RISE_PER_M = 0.006


def demo_dem(centre=CITY_HALL_5186, size_m=DEFAULT_SIZE_M):
    """(elevation array, (west, north), cell size): north-up rows, float32 metres."""
    half = size_m / 2 + MARGIN_M
    west, north = centre[0] - half, centre[1] + half
    count = int(round(2 * half / CELL_M))
    xs = west + (np.arange(count) + 0.5) * CELL_M - centre[0]
    ys = north - (np.arange(count) + 0.5) * CELL_M - centre[1]
    dx, dy = np.meshgrid(xs, ys)
    hill = HILL["height"] * np.exp(-((dx - HILL["dx"]) ** 2 + (dy - HILL["dy"]) ** 2) / (2 * HILL["radius"] ** 2))
    elevation = FLOOR_M + np.maximum(dy, 0) * NORTH_RISE_PER_M + hill
    return elevation.astype("float32"), (west, north), CELL_M
