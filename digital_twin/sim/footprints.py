"""Building footprints as flat coordinate arrays (a ragged layout), the form the numba kernels read.

A building is one or more polygons (parts), a part is one exterior ring and
any holes, a ring is a closed run of vertices. Four offset arrays say where
each begins, as in GeoArrow and ``shapely.to_ragged_array``: the vertices of
ring ``r`` are ``coords[ring_offsets[r]:ring_offsets[r+1]]``, the rings of part
``p`` are ``ring_offsets[part_offsets[p]:part_offsets[p+1]]`` (exterior first),
the parts of building ``b`` are ``part_offsets[building_offsets[b]:building_offsets[b+1]]``.
Coordinates are EPSG:5186 metres; heights are metres above the ground; ring
orientation does not matter (the kernels orient each ring themselves).

``from_shapely`` converts in chunks, so 600,000 shapely polygons never need
more than one chunk's temporary arrays beside the result.
"""

from dataclasses import dataclass

import numpy as np
import shapely

from digital_twin.sim.errors import EmptyBuildings, InvalidBuildings

CHUNK = 100_000


@dataclass(frozen=True)
class Footprints:
    coords: np.ndarray  # (n_vertices, 2) float64
    ring_offsets: np.ndarray  # (n_rings + 1,) int64
    part_offsets: np.ndarray  # (n_parts + 1,) int64
    building_offsets: np.ndarray  # (n_buildings + 1,) int64
    heights: np.ndarray  # (n_buildings,) float64, metres
    ids: np.ndarray  # (n_buildings,) int64, the caller's building ids

    def __post_init__(self):
        n = len(self.heights)
        if n == 0:
            raise EmptyBuildings("there are no buildings to simulate", total=0)
        if len(self.building_offsets) != n + 1 or len(self.ids) != n:
            raise InvalidBuildings(
                f"{n} heights but {len(self.building_offsets) - 1} buildings and {len(self.ids)} ids"
            )
        if not np.isfinite(self.heights).all() or (self.heights < 0).any():
            bad = int(np.flatnonzero(~np.isfinite(self.heights) | (self.heights < 0))[0])
            raise InvalidBuildings(
                f"building {self.ids[bad]} has height {float(self.heights[bad])}: heights must be finite and ≥ 0 m"
            )
        if not np.isfinite(self.coords).all():
            raise InvalidBuildings("footprint coordinates must be finite numbers")

    @classmethod
    def from_ragged(cls, coords, ring_offsets, part_offsets, building_offsets, heights, ids=None):
        heights = np.ascontiguousarray(heights, dtype=np.float64)
        ids = np.arange(len(heights), dtype=np.int64) if ids is None else np.ascontiguousarray(ids, dtype=np.int64)
        return cls(
            np.ascontiguousarray(coords, dtype=np.float64)[:, :2].copy(),
            np.ascontiguousarray(ring_offsets, dtype=np.int64),
            np.ascontiguousarray(part_offsets, dtype=np.int64),
            np.ascontiguousarray(building_offsets, dtype=np.int64),
            heights,
            ids,
        )

    @classmethod
    def from_shapely(cls, geometries, heights, ids=None, chunk=CHUNK):
        """Polygons or MultiPolygons (EPSG:5186 metres) with one height each; empty geometries keep their id."""
        geometries = np.asarray(geometries, dtype=object)
        heights = np.asarray(heights, dtype=np.float64)
        if len(geometries) != len(heights):
            raise InvalidBuildings(f"{len(geometries)} footprints but {len(heights)} heights")
        if len(geometries) == 0:
            raise EmptyBuildings("there are no buildings to simulate", total=0)
        pieces = [_ragged_chunk(geometries[start : start + chunk]) for start in range(0, len(geometries), chunk)]
        coords, rings, parts, buildings = _concatenate(pieces)
        return cls.from_ragged(coords, rings, parts, buildings, heights, ids)

    @property
    def count(self):
        return len(self.heights)

    def arrays(self):
        """What the numba kernels take: coords, the three offset arrays and the heights."""
        return self.coords, self.ring_offsets, self.part_offsets, self.building_offsets, self.heights

    def bounds(self):
        """Bounding box of every vertex: (x_min, y_min, x_max, y_max)."""
        return (*self.coords.min(axis=0), *self.coords.max(axis=0))


def _ragged_chunk(geometries):
    kinds = shapely.get_type_id(geometries)
    allowed = np.isin(kinds, (3, 6)) | shapely.is_empty(geometries)
    if not allowed.all():
        bad = geometries[~allowed][0]
        raise InvalidBuildings(f"footprints must be polygons or multipolygons, not {bad.geom_type}")
    parts, owner = shapely.get_parts(geometries, return_index=True)
    solid = ~shapely.is_empty(parts)
    parts, owner = parts[solid], owner[solid]
    per_building = np.bincount(owner, minlength=len(geometries))
    if len(parts) == 0:
        return np.empty((0, 2)), np.zeros(1, np.int64), np.zeros(1, np.int64), np.zeros(len(geometries) + 1, np.int64)
    _, coords, (ring_offsets, part_offsets) = shapely.to_ragged_array(parts)
    building_offsets = np.concatenate([[0], np.cumsum(per_building)])
    return coords[:, :2], ring_offsets, part_offsets, building_offsets


def _concatenate(pieces):
    """Join the ragged arrays of consecutive chunks, shifting each chunk's offsets past the previous ones."""
    coords, rings, parts, buildings = [], [np.zeros(1, np.int64)], [np.zeros(1, np.int64)], [np.zeros(1, np.int64)]
    n_vertices = n_rings = n_parts = 0
    for chunk_coords, chunk_rings, chunk_parts, chunk_buildings in pieces:
        coords.append(chunk_coords)
        rings.append(chunk_rings[1:] + n_vertices)
        parts.append(chunk_parts[1:] + n_rings)
        buildings.append(chunk_buildings[1:] + n_parts)
        n_vertices += len(chunk_coords)
        n_rings += len(chunk_rings) - 1
        n_parts += len(chunk_parts) - 1
    return np.concatenate(coords), np.concatenate(rings), np.concatenate(parts), np.concatenate(buildings)
