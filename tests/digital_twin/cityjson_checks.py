"""What a CityJSON 2.0 export of LoD1 solids must be, checked rule by rule from the specification.

No offline copy of the official CityJSON 2.0 JSON schema could be obtained
(see the closing note of issue 7), so these checks follow the specification
(cityjson.org/specs/2.0.1) for what the export uses, and go further where a
schema cannot: every shell must be closed, each edge used once in each
direction, and enclose a positive volume (faces oriented outwards).
"""

from collections import Counter

import numpy as np

ROOT_KEYS = {"type", "version", "transform", "CityObjects", "vertices", "metadata", "extensions", "appearance",
             "geometry-templates"}  # fmt: skip
SEMANTIC_TYPES = {"GroundSurface", "RoofSurface", "WallSurface"}


def assert_valid_cityjson_2(document):
    assert document["type"] == "CityJSON" and document["version"] == "2.0"
    assert set(document) <= ROOT_KEYS
    transform = document["transform"]
    assert len(transform["scale"]) == 3 and len(transform["translate"]) == 3
    vertices = document["vertices"]
    assert all(len(v) == 3 and all(isinstance(c, int) for c in v) for v in vertices)
    assert document["metadata"]["referenceSystem"] == "https://www.opengis.net/def/crs/EPSG/0/5186"
    assert len(document["metadata"]["geographicalExtent"]) == 6
    points = np.array(vertices, dtype=float) * transform["scale"] + transform["translate"]
    for key, city_object in document["CityObjects"].items():
        assert city_object["type"] == "Building", key
        assert isinstance(city_object["attributes"], dict)
        for geometry in city_object["geometry"]:
            assert geometry["lod"] == "1"
            solids = [geometry["boundaries"]] if geometry["type"] == "Solid" else geometry["boundaries"]
            values = (
                [geometry["semantics"]["values"]] if geometry["type"] == "Solid" else geometry["semantics"]["values"]
            )
            assert {s["type"] for s in geometry["semantics"]["surfaces"]} <= SEMANTIC_TYPES
            for solid, solid_values in zip(solids, values, strict=True):
                assert len(solid) >= 1 and len(solid_values) == len(solid)
                for shell, shell_values in zip(solid, solid_values, strict=True):
                    assert len(shell_values) == len(shell)
                    assert_closed_outward_shell(shell, points, key)


def assert_closed_outward_shell(shell, points, key):
    edges = Counter()
    volume = 0.0
    for surface in shell:
        assert surface and all(len(ring) >= 3 for ring in surface), key
        for ring in surface:
            assert all(0 <= i < len(points) for i in ring)
            for a, b in zip(ring, ring[1:] + ring[:1], strict=True):
                edges[(a, b)] += 1
        outer = points[surface[0]]
        for i in range(1, len(outer) - 1):  # fan triangles: exact for the convex walls, signed sum for the rest
            volume += np.dot(outer[0], np.cross(outer[i], outer[i + 1])) / 6.0
        for hole in surface[1:]:
            inner = points[hole]
            for i in range(1, len(inner) - 1):
                volume += np.dot(inner[0], np.cross(inner[i], inner[i + 1])) / 6.0
    assert all(count == 1 for count in edges.values()), f"{key}: an edge is used twice in one direction"
    assert all(edges[(b, a)] == 1 for a, b in edges), f"{key}: the shell is not closed"
    assert volume > 0, f"{key}: the faces point inwards"
