"""The bound SQL parameters of a layer tile (``tiles/sql/layer_features.sql``).

One function, so the tile endpoint and the PMTiles export render a tile from
exactly the same query with exactly the same generalisation, visibility and
blurring of sensitive locations.
"""

from layers.privacy import grid_metres

from .tilemath import BUFFER, MAX_FEATURES, TITLE_LENGTH, blur_reach, min_polygon_area, point_grid


def layer_tile_params(tile, layer, visibility, filters):
    return {
        "z": tile.z,
        "x": tile.x,
        "y": tile.y,
        "layer_id": layer.pk,
        "layer_name": layer.name,
        "buffer": BUFFER,
        "point_grid": point_grid(tile.z),
        "min_area": min_polygon_area(tile.z),
        "max_features": MAX_FEATURES,
        "title_length": TITLE_LENGTH,
        "blur_grid": grid_metres(),
        "blur_reach": blur_reach(grid_metres()),
        **visibility.sql_params(),
        **filters.sql_params(),
    }
