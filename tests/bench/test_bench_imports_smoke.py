"""The import benchmark's pure parts: seeded files that hold what they promise, and the ogr2ogr command it runs.

No database and no timing: these guard the inputs of ``bench/imports.py``.
"""

import csv

import shapely
from pyogrio import raw

from bench import imports as bench_imports
from bench.imports_data import AREA, POINT_COLUMNS, write_points_csv, write_polygons_shapefile


def test_points_csv_is_cp949_with_korean_columns_in_epsg_5186(tmp_path):
    path = write_points_csv(tmp_path / "p.csv", 500, seed=3)
    data = path.read_bytes()
    text = data.decode("cp949")
    assert not _is_utf8(data)
    rows = list(csv.DictReader(text.splitlines()))
    assert tuple(rows[0]) == POINT_COLUMNS and len(rows) == 500
    xs = [float(row["X좌표"]) for row in rows]
    ys = [float(row["Y좌표"]) for row in rows]
    assert AREA[0] <= min(xs) <= max(xs) <= AREA[2] and AREA[1] <= min(ys) <= max(ys) <= AREA[3]
    assert write_points_csv(tmp_path / "again.csv", 500, seed=3).read_bytes() == data


def test_polygons_shapefile_has_a_prj_no_cpg_and_valid_squares(tmp_path):
    shp = write_polygons_shapefile(tmp_path / "b.shp", 300, seed=4)
    assert shp.with_suffix(".prj").exists() and not shp.with_suffix(".cpg").exists()
    meta, _, wkb, values = raw.read(shp, encoding="CP949")
    squares = shapely.from_wkb(wkb)
    assert len(squares) == 300 and shapely.is_valid(squares).all()
    assert shapely.area(squares).min() >= 100 and shapely.area(squares).max() <= 1600
    assert list(meta["fields"]) == ["명칭", "용도", "층수"] and "건물" in values[0][0]


def test_ogr2ogr_is_asked_to_reproject_and_recode(tmp_path):
    points = bench_imports.ogr2ogr_command(tmp_path / "p.csv", "t", "points")
    assert points[:3] == ["ogr2ogr", "-f", "PostgreSQL"]
    assert points[points.index("-s_srs") : points.index("-s_srs") + 4] == ["-s_srs", "EPSG:5186", "-t_srs", "EPSG:4326"]
    assert "X_POSSIBLE_NAMES=X좌표" in points and "Y_POSSIBLE_NAMES=Y좌표" in points
    assert "ENCODING=CP949" in bench_imports.ogr2ogr_command(tmp_path / "b.shp", "t", "polygons")
    assert bench_imports.DATABASE.startswith("urbanlife_bench")


def _is_utf8(data):
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
