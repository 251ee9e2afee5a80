"""The tile benchmark's pure parts: a seeded tile list and data generators that produce what they promise.

No database, no server and no timing: these tests guard the inputs of
``bench/tiles.py``, so that two runs with the same seed measure the same
tiles over the same data, and the data are valid geometries where the
benchmark says they are.
"""

import shapely

from bench import tiles as bench_tiles
from bench import tiles_data
from layers.categories import SAFETY_CATEGORIES
from tiles.tilemath import BUFFER, BUILDINGS_MIN_ZOOM, min_building_footprint, point_grid


def geometries(rows):
    return shapely.from_wkt([row.geometry.split(";", 1)[1] for row in rows])


def test_tile_list_is_deterministic_distinct_and_within_z10_z16():
    first = tiles_data.pick_tiles(300, seed=7)
    assert first == tiles_data.pick_tiles(300, seed=7)
    assert first != tiles_data.pick_tiles(300, seed=8)
    assert len(first) == len(set(first)) == 300
    assert {z for z, _, _ in first} <= set(range(10, 17))
    assert all(0 <= x < 2**z and 0 <= y < 2**z for z, x, y in first)


def test_tile_list_is_weighted_toward_street_zooms_and_the_data():
    tiles = tiles_data.pick_tiles(1000, seed=1)
    assert len(tiles) == 1000
    zooms = tiles_data.zoom_histogram(tiles)
    assert sum(n for z, n in zooms.items() if z >= 14) > 0.75 * len(tiles)
    assert set(zooms) == set(range(10, 17))

    def touches_area(z, x, y):
        x_min, x_max, y_min, y_max = tiles_data.area_tiles(z)
        return x_min <= x <= x_max and y_min <= y <= y_max

    # most tiles show the data; the others are viewport edges and the districts around (empty tiles)
    inside = sum(touches_area(*tile) for tile in tiles)
    assert 0.55 * len(tiles) < inside < len(tiles)
    # the area's own tiles at a low zoom are few and all listed
    x_min, x_max, y_min, y_max = tiles_data.area_tiles(13)
    assert {(13, x, y) for x in range(x_min, x_max + 1) for y in range(y_min, y_max + 1)} <= set(tiles)


def test_area_tiles_cover_the_area():
    west, north = tiles_data.to_lonlat(tiles_data.AREA[0], tiles_data.AREA[3])
    x_min, x_max, y_min, y_max = tiles_data.area_tiles(16)
    fx, fy = tiles_data.tile_of(west, north, 16)
    assert (x_min, y_min) == (int(fx), int(fy))
    assert 20 <= x_max - x_min + 1 <= 22  # 10 km at 37.5° N is about 20.6 z16 tiles (611 m × cos φ each)


def test_report_generator_gives_the_requested_count_of_valid_features_in_the_area():
    rows = [row for chunk in tiles_data.feature_chunks(2_500, seed=3, authors=50, chunk=1_000) for row in chunk]
    assert len(rows) == 2_500
    shapes = geometries(rows)
    assert shapely.is_valid(shapes).all()
    assert all(row.geometry.startswith("SRID=4326;") for row in rows)
    kinds = {shapely.get_type_id(shape) for shape in shapes}
    assert kinds == {0, 1, 3}  # points, lines and polygons
    points = shapely.get_type_id(shapes) == 0
    assert points.mean() > 0.85
    west, south = tiles_data.to_lonlat(tiles_data.AREA[0], tiles_data.AREA[1])
    east, north = tiles_data.to_lonlat(tiles_data.AREA[2], tiles_data.AREA[3])
    lon, lat = shapely.get_x(shapes[points]), shapely.get_y(shapes[points])
    assert (lon >= west - 0.01).all() and (lon <= east + 0.01).all()
    assert (lat >= south - 0.01).all() and (lat <= north + 0.01).all()
    assert {row.category for row in rows} <= {category["key"] for category in SAFETY_CATEGORIES}
    assert all(row.title and any("\uac00" <= ch <= "\ud7a3" for ch in row.title) for row in rows)  # Korean text
    assert all(row.created.tzinfo is not None for row in rows)
    assert {row.status for row in rows} <= {"published", "hidden", "rejected"}
    assert all(0 <= row.author < 50 for row in rows)


def test_report_generator_is_deterministic_and_chunk_size_only_cuts_the_stream():
    once = [row for chunk in tiles_data.feature_chunks(300, seed=5, chunk=100) for row in chunk]
    again = [row for chunk in tiles_data.feature_chunks(300, seed=5, chunk=100) for row in chunk]
    assert once == again


def test_reports_cluster_around_hot_spots():
    rows = [row for chunk in tiles_data.feature_chunks(4_000, seed=2) for row in chunk]
    points = [shape for shape in geometries(rows) if shape.geom_type == "Point"]
    # ~1 km cells: clustered reports fill a few cells far above the uniform share
    cells = {}
    for point in points:
        key = (round(point.x / 0.011), round(point.y / 0.009))
        cells[key] = cells.get(key, 0) + 1
    assert max(cells.values()) > 5 * len(points) / 100


def test_building_generator_gives_valid_non_overlapping_footprints_of_realistic_size():
    rows = [row for chunk in tiles_data.building_chunks(3_000, seed=4, chunk=1_000) for row in chunk]
    assert len(rows) == 3_000
    assert all(row.geometry.startswith("SRID=5186;MULTIPOLYGON") for row in rows)
    shapes = geometries(rows)
    assert shapely.is_valid(shapes).all()
    tree = shapely.STRtree(shapes)
    left, right = tree.query(shapes, predicate="intersects")
    assert (left == right).all(), "two footprints overlap"
    areas = shapely.area(shapes)
    assert areas.min() >= 20 and areas.max() <= 3_000
    minx, miny, maxx, maxy = shapely.total_bounds(shapes)
    assert tiles_data.AREA[0] <= minx and maxx <= tiles_data.AREA[2]
    assert tiles_data.AREA[1] <= miny and maxy <= tiles_data.AREA[3]
    assert all(row.height > 0 and row.floors_above >= 1 for row in rows)
    assert {row.use for row in rows} <= set(tiles_data.BUILDING_USES)
    assert len({row.source_id for row in rows}) == 3_000


def test_buildings_avoid_the_empty_zones_and_are_deterministic():
    rows = [row for chunk in tiles_data.building_chunks(5_000, seed=6) for row in chunk]
    centroids = shapely.centroid(geometries(rows))
    in_zones = tiles_data.in_empty_zone(shapely.get_x(centroids), shapely.get_y(centroids)).mean()
    # the zones cover about a tenth of the area; only footprints on their rim may reach in
    assert in_zones < 0.01
    assert rows == [row for chunk in tiles_data.building_chunks(5_000, seed=6) for row in chunk]


def test_raw_query_parameters_are_the_views():
    params = bench_tiles.layer_params(7, 14, 13969, 6346)
    assert params["point_grid"] == point_grid(14) and params["buffer"] == BUFFER
    assert params["layer_id"] == 7 and params["see_all"] is False and params["categories"] == []
    assert bench_tiles.building_params(13, 1, 2)["min_footprint"] == min_building_footprint(13)
    requests = bench_tiles.requests_for([(12, 3492, 1586), (15, 27939, 12692)], layer_id=7)
    assert len(requests["layer"]["app"]) == 2
    assert [key[1] for key, _ in requests["building"]["app"]] == [15]  # buildings from their minzoom only
    assert BUILDINGS_MIN_ZOOM > 12
    assert requests["layer"]["app"][0][1] == "/tiles/layers/7/12/3492/1586.mvt"
    assert requests["building"]["tipg"][0][1].startswith(
        "/collections/public.digital_twin_building/tiles/WebMercatorQuad/15/"
    )
