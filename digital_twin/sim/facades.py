"""Points on building façades where sunlight is checked: just outside each wall, at a given height.

Every edge of the chosen buildings' rings (courtyard walls included) gets
``round(length / spacing)`` points (at least one) at the middles of equal
pieces, moved ``offset`` metres outward along the wall's normal and raised to
``height`` metres above the ground (1.5 m: the middle of a ground-floor
window, a choice — the caller may ask for an upper floor). Each point keeps its
wall's outward unit normal, since a façade only receives direct sun while the
sun is in front of it, and the index and id of its building.
"""

from dataclasses import dataclass

import numpy as np

from digital_twin.sim.errors import EmptyBuildings

SPACING_M = 5.0
OFFSET_M = 0.5
HEIGHT_M = 1.5


@dataclass(frozen=True)
class FacadePoints:
    x: np.ndarray  # EPSG:5186 metres
    y: np.ndarray
    z: np.ndarray  # metres above the ground (terrain is added by the sunlight check)
    nx: np.ndarray  # outward unit normal of the wall
    ny: np.ndarray
    building: np.ndarray  # index into the Footprints
    building_id: np.ndarray  # the caller's building id

    @property
    def count(self):
        return len(self.x)


def facade_points(footprints, buildings=None, *, spacing=SPACING_M, offset=OFFSET_M, height=HEIGHT_M):
    """Façade points of ``buildings`` (indices into ``footprints``; all of them when None)."""
    coords = footprints.coords
    ring_building = _ring_owner(footprints)
    chosen = np.ones(footprints.count, bool) if buildings is None else np.isin(np.arange(footprints.count), buildings)
    ring_sign = _ring_signs(footprints)
    edge_ring = np.repeat(np.arange(len(ring_sign)), np.diff(footprints.ring_offsets))
    last_vertex = np.zeros(len(coords), bool)
    last_vertex[footprints.ring_offsets[1:] - 1] = True
    keep = ~last_vertex & chosen[ring_building[edge_ring]] & (ring_sign[edge_ring] != 0)
    first = np.flatnonzero(keep)
    sign = ring_sign[edge_ring[first]]
    start, vector = coords[first], (coords[first + 1] - coords[first]) * sign[:, None]
    length = np.hypot(vector[:, 0], vector[:, 1])
    usable = length > 0
    start, vector, length, owner = (
        start[usable],
        vector[usable],
        length[usable],
        ring_building[edge_ring[first]][usable],
    )
    if not len(length):
        raise EmptyBuildings("the chosen buildings have no façade to put points on", total=footprints.count)
    per_edge = np.maximum(1, np.rint(length / spacing)).astype(np.int64)
    edge = np.repeat(np.arange(len(length)), per_edge)
    rank = np.arange(len(edge)) - np.repeat(np.cumsum(per_edge) - per_edge, per_edge)
    # points along a reversed (sign −1) edge run from its far end: the walk goes the oriented way
    origin = np.where(sign[usable][:, None] > 0, start, start - vector)
    fraction = (rank + 0.5) / per_edge[edge]
    normal = np.column_stack([vector[:, 1], -vector[:, 0]]) / length[:, None]
    xy = origin[edge] + vector[edge] * fraction[:, None] + normal[edge] * offset
    building = owner[edge]
    return FacadePoints(
        x=xy[:, 0],
        y=xy[:, 1],
        z=np.full(len(edge), float(height)),
        nx=normal[edge, 0],
        ny=normal[edge, 1],
        building=building.astype(np.int64),
        building_id=footprints.ids[building],
    )


def _ring_owner(footprints):
    """Building index of every ring."""
    part_owner = np.repeat(np.arange(footprints.count), np.diff(footprints.building_offsets))
    return part_owner[np.repeat(np.arange(len(part_owner)), np.diff(footprints.part_offsets))]


def _ring_signs(footprints):
    """+1/−1 per ring so that exteriors run counter-clockwise and holes clockwise (0 for a flat ring)."""
    coords, offsets = footprints.coords, footprints.ring_offsets
    x, y = coords[:, 0], coords[:, 1]
    shifted_x = x - np.repeat(x[offsets[:-1]], np.diff(offsets))
    shifted_y = y - np.repeat(y[offsets[:-1]], np.diff(offsets))
    cross = shifted_x[:-1] * shifted_y[1:] - shifted_x[1:] * shifted_y[:-1]
    cross = np.append(cross, 0.0)
    cross[offsets[1:] - 1] = 0.0  # no term from a ring's last vertex to the next ring's first
    twice_area = np.add.reduceat(cross, offsets[:-1]) if len(cross) else np.zeros(0)
    exterior = np.zeros(len(offsets) - 1, bool)
    exterior[footprints.part_offsets[:-1]] = True
    return np.sign(twice_area) * np.where(exterior, 1.0, -1.0)
