"""CityJSON 2.0 with one LoD1 Solid per building: the footprint extruded from its ground to its roof.

Vertices are integers with a 1 mm ``transform`` (the specification requires
one), shared between the faces of a building. Faces are oriented so their
normals point outwards (ground down, roof up, walls out), as CityJSON wants
of a Solid's outer shell; holes in a footprint become inner rings of the
ground and roof and walls of their own. Semantic surfaces label the ground,
roof and walls.
"""

import json

import numpy as np
import shapely
from shapely.geometry.polygon import orient

SCALE = 0.001
CRS_URL = "https://www.opengis.net/def/crs/EPSG/0/5186"
SEMANTICS = [{"type": "GroundSurface"}, {"type": "RoofSurface"}, {"type": "WallSurface"}]


class Vertices:
    """Integer vertices (mm from ``origin``), each stored once."""

    def __init__(self, origin):
        self.origin, self.index, self.values = origin, {}, []

    def add(self, x, y, z):
        key = (
            round((x - self.origin[0]) / SCALE),
            round((y - self.origin[1]) / SCALE),
            round((z - self.origin[2]) / SCALE),
        )
        if key not in self.index:
            self.index[key] = len(self.values)
            self.values.append(list(key))
        return self.index[key]


def ring_coords(ring):
    coords = list(ring.coords)[:-1]
    deduplicated = [c for i, c in enumerate(coords) if i == 0 or c != coords[i - 1]]
    return deduplicated


def solid(polygon, bottom, top, vertices):
    """The shell of an extruded polygon as surfaces of vertex indices, and their semantic values."""
    polygon = orient(polygon, 1.0)  # exterior counter-clockwise, holes clockwise (seen from above)
    rings = [ring_coords(polygon.exterior), *(ring_coords(hole) for hole in polygon.interiors)]
    ground = [[vertices.add(x, y, bottom) for x, y in reversed(ring)] for ring in rings]
    roof = [[vertices.add(x, y, top) for x, y in ring] for ring in rings]
    walls = []
    for ring in rings:
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
            walls.append([[vertices.add(x0, y0, bottom), vertices.add(x1, y1, bottom), vertices.add(x1, y1, top),
                           vertices.add(x0, y0, top)]])  # fmt: skip
    return [ground, roof, *walls], [0, 1] + [2] * len(walls)


def cityjson_bytes(buildings, *, title):
    buildings = list(buildings)
    bounds = shapely.total_bounds([b.footprint for b in buildings]) if buildings else (0.0, 0.0, 0.0, 0.0)
    grounds = [b.ground for b in buildings] or [0.0]
    origin = (float(np.floor(bounds[0])), float(np.floor(bounds[1])), float(np.floor(min(grounds))))
    vertices = Vertices(origin)
    objects = {}
    for building in buildings:
        parts = shapely.get_parts(building.footprint)
        shells, values = [], []
        for part in parts:
            shell, semantic = solid(part, building.ground, building.ground + building.height, vertices)
            shells.append([shell])
            values.append([semantic])
        single = len(shells) == 1
        geometry = {
            "type": "Solid" if single else "MultiSolid",
            "lod": "1",
            "boundaries": shells[0] if single else shells,
            "semantics": {"surfaces": SEMANTICS, "values": values[0] if single else values},
        }
        attributes = {
            "measuredHeight": building.height,
            **{k: v for k, v in building.attributes.items() if v not in (None, "")},
        }
        objects[building.key] = {"type": "Building", "attributes": attributes, "geometry": [geometry]}
    top = max((b.ground + b.height for b in buildings), default=0.0)
    document = {
        "type": "CityJSON",
        "version": "2.0",
        "transform": {"scale": [SCALE, SCALE, SCALE], "translate": list(origin)},
        "metadata": {
            "title": title,
            "referenceSystem": CRS_URL,
            "geographicalExtent": [
                float(bounds[0]),
                float(bounds[1]),
                float(min(grounds)),
                float(bounds[2]),
                float(bounds[3]),
                float(top),
            ],
        },  # fmt: skip
        "CityObjects": objects,
        "vertices": vertices.values,
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
