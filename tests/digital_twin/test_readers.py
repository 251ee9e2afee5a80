"""The building and DEM readers alone (no database): S-Map Shapefiles, CityJSON, CityGML, DEM sampling."""

import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest
import shapely

from digital_twin.readers.checks import Problems, check_chunk, estimate_heights
from digital_twin.readers.citygml import read_citygml
from digital_twin.readers.cityjson import read_cityjson
from digital_twin.readers.dem import reproject_dem, sample_ground
from digital_twin.readers.errors import FieldMapError, TerrainError, TwinFileError
from digital_twin.readers.gis_building import open_shapefile
from digital_twin.readers.uses import building_use
from imports.detection import AmbiguousCrs, UnknownCrs

from .files import (
    CUBE,
    L_AREA,
    L_SHAPE,
    X0,
    Y0,
    smap_rows,
    write_citygml,
    write_cityjson,
    write_dem,
    write_smap_zip,
)


def only_chunk(chunks):
    chunks = list(chunks)
    assert len(chunks) == 1
    return chunks[0]


def by_id(chunk):
    return {sid: index for index, sid in enumerate(chunk.source_ids)}


def test_a_cp949_shapefile_in_epsg_5174_without_cpg_is_read_with_korean_names_in_epsg_5186(tmp_path):
    opened = open_shapefile(write_smap_zip(tmp_path))
    assert (opened.srid, opened.encoding.value, opened.field_map, opened.count) == (5174, "cp949", "gis-building", 4)
    chunk = only_chunk(opened.chunks())
    assert chunk.source_ids == ["B0001", "B0002", "B0003", "B0004"]
    assert chunk.names[0] == "서울특별시청" and chunk.names[1] == "덕수궁 매표소"
    assert chunk.uses == ["office", "commercial", "residential", "office"]
    assert chunk.heights[0] == 56.0 and chunk.floors_above.tolist() == [13, 2, 4, 38]
    # back in EPSG:5186 within a few centimetres of where the test drew them (5174 → 4326 → 5186 round trip)
    assert shapely.hausdorff_distance(chunk.footprints[0], CUBE) < 0.05
    assert chunk.footprints[1].area == pytest.approx(L_AREA, rel=1e-3)


def test_coded_columns_need_the_coded_field_map_which_is_found_by_itself(tmp_path):
    rows = [{"A1": r["UFID"], "A16": r["HEIGHT"], "A26": r["GRND_FLR"], "A27": r["UGRND_FLR"], "A8": r["USABILITY"],
             "A24": r["BLD_NM"], "geometry": r["geometry"]} for r in smap_rows()]  # fmt: skip
    opened = open_shapefile(write_smap_zip(tmp_path, rows, srid=5186))
    assert opened.field_map == "gis-building-coded"
    chunk = only_chunk(opened.chunks())
    assert chunk.source_ids[3] == "B0004" and chunk.heights[3] == 151.5 and chunk.names[3] == "시청 앞 타워"
    with pytest.raises(FieldMapError, match="does not fit"):
        open_shapefile(tmp_path / "AL_D010_11_20240101.zip", field_map="gis-building")


def test_a_field_map_file_renames_columns(tmp_path):
    rows = [{"ID": r["UFID"], "H": r["HEIGHT"], "F": r["GRND_FLR"], "geometry": r["geometry"]} for r in smap_rows()]
    field_map = tmp_path / "map.json"
    field_map.write_text('{"columns": {"source_id": "ID", "height": ["H"], "floors_above": "F"}}')
    chunk = only_chunk(open_shapefile(write_smap_zip(tmp_path, rows), field_map=str(field_map)).chunks())
    assert chunk.source_ids[0] == "B0001" and chunk.heights[3] == 151.5 and chunk.names == [""] * 4


def test_missing_or_zero_heights_are_floors_times_storey_height_and_marked_estimated():
    heights, estimated = estimate_heights(np.array([56.0, 0.0, np.nan, 0.0]), np.array([13, 2, 4, 0]), 3.3)
    assert heights[:3].tolist() == pytest.approx([56.0, 6.6, 13.2])
    assert np.isnan(heights[3])
    assert estimated.tolist() == [False, True, True, False]


def test_checking_estimates_with_the_given_storey_height(tmp_path):
    chunk = only_chunk(open_shapefile(write_smap_zip(tmp_path)).chunks())
    problems = Problems()
    checked = check_chunk(chunk, problems, set(), storey_height=3.0)
    assert not problems
    assert checked.heights.tolist() == [56.0, 6.0, 12.0, 151.5]
    assert checked.estimated.tolist() == [False, True, True, False]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"HEIGHT": -3.0}, "row 1 (B0001): the height -3 m is negative"),
        ({"HEIGHT": 601.0}, "row 1 (B0001): the height 601 m is over 600 m"),
        ({"HEIGHT": 0.0, "GRND_FLR": 0}, "row 1 (B0001): it has no height and no floors"),
        ({"UFID": "B0002"}, "row 2 (B0002): its id appears twice in the file"),
        ({"geometry": shapely.Polygon([(126.978, 37.566), (126.979, 37.567), (126.979, 37.566), (126.978, 37.567)])},
         "row 1 (B0001): the footprint is not a valid polygon (Self-intersection"),
    ],
)  # fmt: skip
def test_bad_buildings_are_problems_with_their_row_and_id(tmp_path, change, message):
    rows = smap_rows()
    rows[0] = {**rows[0], **change}
    chunk = only_chunk(open_shapefile(write_smap_zip(tmp_path, rows)).chunks())
    problems = Problems()
    check_chunk(chunk, problems, set())
    assert problems.total == 1
    assert problems.listed[0].startswith(message)


def test_a_shapefile_without_prj_in_an_ambiguous_korean_crs_is_refused(tmp_path):
    zipped = write_smap_zip(tmp_path, srid=5174)
    stripped = tmp_path / "noprj.zip"
    with zipfile.ZipFile(zipped) as source, zipfile.ZipFile(stripped, "w") as target:
        for info in source.infolist():
            if not info.filename.endswith(".prj"):
                target.writestr(info.filename, source.read(info))
    with pytest.raises(AmbiguousCrs, match="--srid"):
        open_shapefile(stripped)


def test_cityjson_cube_and_l_shape_give_footprints_from_the_ground_surface_and_heights(tmp_path):
    chunk = only_chunk(read_cityjson(write_cityjson(tmp_path / "twin.city.json")))
    index = by_id(chunk)
    cube, l_shape = chunk.footprints[index["cube"]], chunk.footprints[index["l-shape"]]
    assert cube.area == pytest.approx(100.0) and shapely.equals_exact(cube.normalize(), CUBE.normalize(), 1e-3)
    assert l_shape.area == pytest.approx(L_AREA) and l_shape.equals(L_SHAPE)
    assert chunk.heights[index["cube"]] == pytest.approx(10.0)  # from the geometry
    assert chunk.heights[index["l-shape"]] == pytest.approx(24.5)  # measuredHeight wins
    assert chunk.floors_above[index["l-shape"]] == 7 and chunk.uses[index["l-shape"]] == "office"
    assert chunk.names[index["cube"]] == "큐브"


def test_cityjson_1_1_is_read_and_other_versions_are_refused(tmp_path):
    assert len(only_chunk(read_cityjson(write_cityjson(tmp_path / "v11.json", version="1.1")))) == 2
    with pytest.raises(TwinFileError, match="CityJSON 1.0"):
        list(read_cityjson(write_cityjson(tmp_path / "v10.json", version="1.0")))


def test_cityjson_without_a_reference_system_in_an_ambiguous_crs_is_refused(tmp_path):
    with pytest.raises(AmbiguousCrs):
        list(read_cityjson(write_cityjson(tmp_path / "nocrs.json", srid=None)))
    chunk = only_chunk(read_cityjson(tmp_path / "nocrs.json", srid=5186))
    assert len(chunk) == 2


def test_cityjson_in_a_crs_that_puts_it_outside_korea_is_refused(tmp_path):
    with pytest.raises(UnknownCrs, match="outside South Korea"):
        list(read_cityjson(write_cityjson(tmp_path / "wrong.json", srid=5179)))


def test_citygml_lod2_surfaces_and_xlinked_solid_give_the_same_footprints_and_heights(tmp_path):
    chunk = only_chunk(read_citygml(write_citygml(tmp_path / "twin.gml")))
    index = by_id(chunk)
    assert chunk.footprints[index["cube"]].area == pytest.approx(100.0)
    assert chunk.footprints[index["l-shape"]].equals(L_SHAPE)
    assert chunk.heights[index["cube"]] == pytest.approx(10.0)
    assert chunk.heights[index["l-shape"]] == pytest.approx(24.5)
    assert chunk.floors_above.tolist() == [3, 3]


def test_citygml_that_is_not_xml_or_expands_entities_is_refused(tmp_path):
    bomb = tmp_path / "bomb.gml"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]><x>&b;</x>')
    with pytest.raises(TwinFileError, match="safe XML"):
        list(read_citygml(bomb))


def test_a_dem_in_lon_lat_is_reprojected_to_5186_and_sampled_at_the_lowest_point_under_a_footprint(tmp_path):
    dem = write_dem(tmp_path / "dem.tif", srid=4326, base=20.0, slope=0.1)
    info = reproject_dem(dem, tmp_path / "dem5186.tif", resolution=2.0)
    assert info.original_srid == 4326 and info.resolution == 2.0
    assert info.bounds[0] < X0 < info.bounds[2] and info.bounds[1] < Y0 < info.bounds[3]
    ground = sample_ground(tmp_path / "dem5186.tif", np.array([CUBE, L_SHAPE, shapely.box(0, 0, 1, 1)]))
    # elevation = 20 + 0.1 × metres east of City Hall: the cube's west edge is at 0 m, the L's at 50 m
    assert ground[0] == pytest.approx(20.0, abs=0.35)
    assert ground[1] == pytest.approx(25.0, abs=0.35)
    assert np.isnan(ground[2])


def test_a_dem_without_crs_or_outside_korea_is_refused(tmp_path):
    with pytest.raises(TerrainError, match="no coordinate system"):
        reproject_dem(write_dem(tmp_path / "nocrs.tif", srid=None), tmp_path / "out.tif")
    with pytest.raises(TerrainError, match="outside South Korea"):
        reproject_dem(write_dem(tmp_path / "utm.tif", srid=32633), tmp_path / "out.tif")


def test_building_uses_from_codes_korean_names_and_words():
    assert [building_use(v) for v in ("02001", 14000.0, "업무시설", "공동 주택", "office", None, "???")] == [
        "residential", "office", "office", "residential", "office", "other", "other"]  # fmt: skip


def test_the_readers_import_no_django():
    code = (
        "import sys, digital_twin.readers.gis_building, digital_twin.readers.cityjson, digital_twin.readers.citygml,"
        " digital_twin.readers.dem, digital_twin.readers.checks;"
        " print(any(m.startswith('django') for m in sys.modules))"
    )
    project = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
