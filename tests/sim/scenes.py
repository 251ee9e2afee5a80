"""Small synthetic scenes in EPSG:5186 metres, near Seoul City Hall, that the tests share."""

import numpy as np
import shapely

from digital_twin.sim.footprints import Footprints
from digital_twin.sim.grid import Grid

# a corner of the scenes, roughly Seoul City Hall in EPSG:5186
X0, Y0 = 198_000.0, 551_000.0
SEOUL = (37.5665, 126.9780)  # latitude, longitude


def box(x_min, y_min, x_max, y_max):
    """A rectangle given relative to the scenes' corner."""
    return shapely.box(X0 + x_min, Y0 + y_min, X0 + x_max, Y0 + y_max)


def grid(width, height, cell):
    """A grid whose south-west corner is the scenes' corner."""
    return Grid(X0, Y0 + height, float(cell), int(round(height / cell)), int(round(width / cell)))


def footprints(polygons, heights, ids=None):
    return Footprints.from_shapely(polygons, np.broadcast_to(np.asarray(heights, float), (len(polygons),)), ids)


def block_grid(size=1200.0, block=100.0, street=10.0, avenue=(600.0, 660.0)):
    """Square blocks ``block − street`` wide on a ``block`` pitch, with one north–south avenue left open.

    Blocks that would reach into the avenue are cut at its edge, so the avenue is ``avenue[1] − avenue[0]``
    metres of open ground from the north edge to the south edge.
    """
    half = street / 2
    polygons = []
    for x in np.arange(0.0, size, block):
        for y in np.arange(0.0, size, block):
            x_min, x_max = x + half, x + block - half
            if x_max > avenue[0] and x_min < avenue[1]:
                pieces = [(x_min, min(x_max, avenue[0])), (max(x_min, avenue[1]), x_max)]
            else:
                pieces = [(x_min, x_max)]
            for a, b in pieces:
                if b - a > 1.0:
                    polygons.append(box(a, y + half, b, y + block - half))
    return polygons
