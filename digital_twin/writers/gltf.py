"""Binary glTF (.glb) of extruded buildings with trimesh, for 3D tools (Blender, three.js, Cesium, Unreal).

glTF is Y-up in metres: x runs east, y up, z south, from an origin at the
south-west corner of the exported buildings on the lowest ground; that
origin (EPSG:5186 x, y and elevation) is written in the scene's ``extras``
so the model can be placed back on the map. Each building is one named
node; added and changed buildings of a scenario get their own colour.
"""

import numpy as np
import shapely
import trimesh

COLOURS = {"base": [217, 210, 197, 255], "changed": [240, 162, 2, 255], "added": [31, 95, 191, 255]}
Z_UP_TO_Y_UP = np.array([[1, 0, 0, 0], [0, 0, 1, 0], [0, -1, 0, 0], [0, 0, 0, 1]], dtype=float)


def glb_bytes(buildings):
    buildings = list(buildings)
    scene = trimesh.Scene()
    if not buildings:
        return trimesh.Scene(trimesh.creation.box((0.001, 0.001, 0.001))).export(file_type="glb")
    minx, miny, _, _ = shapely.total_bounds([b.footprint for b in buildings])
    base = min(b.ground for b in buildings)
    for building in buildings:
        meshes = [
            trimesh.creation.extrude_polygon(part, building.height, engine="earcut")
            for part in shapely.get_parts(building.footprint)
        ]
        mesh = trimesh.util.concatenate(meshes)
        mesh.apply_translation([-minx, -miny, building.ground - base])
        mesh.apply_transform(Z_UP_TO_Y_UP)
        colour = COLOURS.get(building.attributes.get("status", "base"), COLOURS["base"])
        mesh.visual = trimesh.visual.ColorVisuals(mesh, face_colors=colour)
        scene.add_geometry(mesh, node_name=building.key, geom_name=building.key)
    scene.metadata["extras"] = {"origin_epsg5186": [float(minx), float(miny), float(base)], "up": "y"}
    return scene.export(file_type="glb")
