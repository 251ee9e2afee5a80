"""From the 3D surfaces of one building (LoD1/LoD2 solids or surfaces) to its footprint, height and ground level.

The footprint is the union of the ground surfaces seen from above when the
model labels them (``GroundSurface``), else the union of every surface's
projection (walls project to lines and add nothing; roofs and floors cover
the footprint). The height is ``measuredHeight`` when the source gives one,
else the vertical span of the geometry. Pure numpy and shapely.
"""

from dataclasses import dataclass

import numpy as np
import shapely

GROUND = "GroundSurface"
MIN_AREA_M2 = 0.01


@dataclass(frozen=True)
class Surface:
    """One planar surface: its rings as (n, 3) arrays (outer first), and its semantic type if the model gives one."""

    rings: tuple
    semantic: str | None = None


@dataclass(frozen=True)
class Solid:
    """What a building's surfaces say about it: a 2D footprint (None if none), lowest and highest z."""

    footprint: object
    bottom: float
    top: float


def projected(surface):
    """The surface seen from above, or None when it is vertical (a wall) or degenerate."""
    outer, *holes = (ring[:, :2] for ring in surface.rings)
    if len(outer) < 3:
        return None
    polygon = shapely.make_valid(shapely.Polygon(outer, [hole for hole in holes if len(hole) >= 3]))
    parts = [part for part in shapely.get_parts(polygon) if part.geom_type == "Polygon" and part.area > MIN_AREA_M2]
    return shapely.union_all(parts) if parts else None


def solid_of(surfaces):
    """The footprint and vertical extent of a building made of ``surfaces`` (a list of ``Surface``)."""
    if not surfaces:
        return Solid(None, np.nan, np.nan)
    grounds = [s for s in surfaces if s.semantic == GROUND]
    chosen = grounds or surfaces
    shapes = [shape for shape in map(projected, chosen) if shape is not None]
    footprint = shapely.union_all(shapes) if shapes else None
    z = np.concatenate([ring[:, 2] for surface in surfaces for ring in surface.rings])
    ground_z = np.concatenate([ring[:, 2] for surface in grounds for ring in surface.rings]) if grounds else z
    return Solid(footprint, float(ground_z.min()), float(z.max()))


def height_of(solid, measured):
    """``measuredHeight`` when positive, else the geometry's span (NaN when flat: a footprint alone)."""
    if measured is not None and np.isfinite(measured) and measured > 0:
        return float(measured)
    span = solid.top - solid.bottom
    return float(span) if np.isfinite(span) and span > 0 else np.nan
