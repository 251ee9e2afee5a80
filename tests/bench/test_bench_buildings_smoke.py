"""The building benchmark's pure parts: the file it imports is the S-Map file the app reads, its tiles are z13–z16.

No database, no server and no timing: these guard the inputs of
``bench/buildings.py``, so that the app and ogr2ogr load the same valid
CP949 Shapefile and the tile passes ask for building zooms only.
"""

import zipfile

from bench import buildings as bench_buildings
from digital_twin.readers.checks import Problems, check_chunk
from digital_twin.readers.gis_building import open_shapefile


def test_the_benchmark_file_is_a_cp949_smap_shapefile_that_the_app_reads_with_some_heights_to_estimate(tmp_path):
    archive, layer = bench_buildings.write_smap_zip(tmp_path, 300, seed=2)
    names = zipfile.ZipFile(archive).namelist()
    assert f"{layer}.shp" in names and f"{layer}.prj" in names and not any(n.endswith(".cpg") for n in names)
    opened = open_shapefile(archive)
    assert (opened.count, opened.srid, opened.encoding.value, opened.field_map) == (300, 5186, "cp949", "gis-building")
    problems, checked = Problems(), []
    for chunk in opened.chunks():
        checked.append(check_chunk(chunk, problems, set()))
    assert not problems
    assert sum(int(c.estimated.sum()) for c in checked) == 30  # one in ten
    assert checked[0].names[0] == "건물 1"


def test_the_same_seed_writes_the_same_buildings(tmp_path):
    def read(folder, seed):
        archive, _ = bench_buildings.write_smap_zip(tmp_path / folder, 50, seed=seed)
        (chunk,) = open_shapefile(archive).chunks()
        return chunk.source_ids, chunk.heights.tolist(), [footprint.wkb for footprint in chunk.footprints]

    assert read("a", 3) == read("b", 3)
    assert read("c", 4) != read("a", 3)


def test_tiles_are_building_zooms_and_ogr2ogr_loads_the_same_file_in_epsg_5186(tmp_path):
    tiles = bench_buildings.building_tiles(200, seed=1)
    assert set(tiles) == {13, 14, 15, 16} and all(tiles.values())
    assert all(tile[0] == zoom for zoom, zoom_tiles in tiles.items() for tile in zoom_tiles)
    command = bench_buildings.ogr2ogr_command("urbanlife_bench_buildings", tmp_path / "x.zip", "x")
    assert command[:3] == ["ogr2ogr", "-f", "PostgreSQL"] and f"/vsizip/{tmp_path / 'x.zip'}/x.shp" in command
    assert command[command.index("-a_srs") + 1] == "EPSG:5186" and "ENCODING=CP949" in command
    assert bench_buildings.app_import_command(tmp_path / "x.zip")[2:4] == ["import_buildings", str(tmp_path / "x.zip")]
