"""The import benchmark's files: a CSV of points and a Shapefile of polygons in EPSG:5186 with CP949 text.

Seeded, so two runs import the same rows. Points and squares fall inside
Seoul (EPSG:5186 metres around the city centre) and carry Korean text the
way agency files do: CP949, no ``.cpg``, Korean column names. No database.
"""

import csv

import numpy as np
import shapely
from pyogrio import raw

AREA = (185_000.0, 540_000.0, 215_000.0, 560_000.0)  # EPSG:5186 metres over Seoul
KINDS = ("가로등", "보안등", "CCTV", "비상벨", "소화전")
USES = ("주거", "상업", "업무", "교육", "공공")
POINT_COLUMNS = ("관리번호", "시설명", "분류", "설치장소", "X좌표", "Y좌표")


def write_points_csv(path, count, seed=1):
    """``count`` rows of facilities with X좌표/Y좌표 in EPSG:5186, CP949-encoded; returns ``path``."""
    rng = np.random.default_rng(seed)
    xs = rng.uniform(AREA[0], AREA[2], count).round(2)
    ys = rng.uniform(AREA[1], AREA[3], count).round(2)
    kinds = rng.integers(0, len(KINDS), count)
    with open(path, "w", encoding="cp949", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(POINT_COLUMNS)
        for index in range(count):
            kind = KINDS[kinds[index]]
            writer.writerow(
                (
                    f"F-{index:07d}",
                    f"{kind} {index}호",
                    kind,
                    f"서울 {index % 25 + 1}구 {index % 997}번길",
                    xs[index],
                    ys[index],
                )
            )
    return path


def write_polygons_shapefile(path, count, seed=2):
    """``count`` squares of 10–40 m in EPSG:5186 with CP949 attributes, a .prj and no .cpg; returns ``path``."""
    rng = np.random.default_rng(seed)
    xs = rng.uniform(AREA[0], AREA[2], count)
    ys = rng.uniform(AREA[1], AREA[3], count)
    sides = rng.uniform(10, 40, count)
    squares = shapely.box(xs, ys, xs + sides, ys + sides)
    uses = np.array(USES, dtype=object)[rng.integers(0, len(USES), count)]
    names = np.array([f"{use} 건물 {index}" for index, use in enumerate(uses)], dtype=object)
    floors = rng.integers(1, 30, count)
    raw.write(
        path,
        shapely.to_wkb(squares),
        [names, uses, floors],
        ["명칭", "용도", "층수"],
        driver="ESRI Shapefile",
        geometry_type="Polygon",
        crs="EPSG:5186",
        encoding="CP949",
    )
    path.with_suffix(".cpg").unlink()
    return path
