"""``manage.py import_buildings``: Shapefiles, CityJSON, CityGML and DEMs into PostGIS, all or nothing."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from digital_twin.models import Building, Terrain

from .files import GROUND_Z, L_AREA, smap_rows, write_citygml, write_cityjson, write_dem, write_smap_zip

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import_buildings", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_an_smap_shapefile_in_cp949_and_epsg_5174_is_imported_with_estimated_heights(tmp_path):
    out, err = run(write_smap_zip(tmp_path), "--source", "gis-building")
    assert "Imported 4 buildings from shapefile as source 'gis-building': 4 new, 0 updated; 2 heights estimated" in out
    assert "EPSG:5174" in out and "cp949" in out and "Field map: gis-building." in out
    assert "read" in err  # the progress bar
    hall = Building.objects.get(source="gis-building", source_id="B0001")
    assert (hall.name, hall.height, hall.floors_above, hall.floors_below, hall.use) == (
        "서울특별시청",
        56.0,
        13,
        5,
        "office",
    )
    assert not hall.height_estimated
    estimated = Building.objects.get(source_id="B0002")
    assert (estimated.height, estimated.height_estimated) == (6.6, True)
    assert estimated.footprint.srid == 5186 and estimated.footprint.area == pytest.approx(L_AREA, rel=1e-3)


def test_reimporting_updates_by_source_id_instead_of_duplicating(tmp_path):
    run(write_smap_zip(tmp_path / "first"))
    first = dict(Building.objects.values_list("source_id", "pk"))
    rows = smap_rows()
    rows[0]["HEIGHT"] = 60.0
    out, _ = run(write_smap_zip(tmp_path / "second", rows))
    assert "0 new, 4 updated" in out
    assert dict(Building.objects.values_list("source_id", "pk")) == first
    assert Building.objects.get(source_id="B0001").height == 60.0


def test_storey_height_is_configurable(tmp_path):
    run(write_smap_zip(tmp_path), "--storey-height", "3.0")
    assert Building.objects.get(source_id="B0003").height == 12.0


def test_dry_run_reads_everything_and_writes_nothing(tmp_path):
    out, _ = run(write_smap_zip(tmp_path), "--dry-run")
    assert "Would import 4 buildings" in out and "4 new" in out
    assert not Building.objects.exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"HEIGHT": -1.0}, "the height -1 m is negative"),
        ({"HEIGHT": 700.0}, "the height 700 m is over 600 m"),
        ({"HEIGHT": 0.0, "GRND_FLR": 0}, "it has no height and no floors"),
    ],
)
def test_a_bad_building_anywhere_imports_nothing_and_says_which(tmp_path, change, message):
    rows = smap_rows()
    rows[3] = {**rows[3], **change}
    with pytest.raises(
        CommandError, match=f"Nothing imported. 1 buildings cannot be imported: row 4 \\(B0004\\): {message}"
    ):
        run(write_smap_zip(tmp_path, rows))
    assert not Building.objects.exists()


def test_a_file_in_an_unknown_crs_imports_nothing(tmp_path):
    with pytest.raises(CommandError, match="Nothing imported.*outside South Korea"):
        run(write_cityjson(tmp_path / "wrong.json", srid=5179))
    with pytest.raises(CommandError, match="Nothing imported.*not an accepted coordinate system"):
        run(write_cityjson(tmp_path / "dutch.json", srid=7415))
    assert not Building.objects.exists()


def test_cityjson_and_citygml_cube_and_l_shape_are_imported_with_their_heights(tmp_path):
    run(write_cityjson(tmp_path / "twin.city.json"), "--source", "cityjson")
    run(write_citygml(tmp_path / "twin.gml"), "--source", "citygml")
    for source in ("cityjson", "citygml"):
        heights = dict(Building.objects.filter(source=source).values_list("source_id", "height"))
        assert heights == {"cube": 10.0, "l-shape": 24.5}
        assert Building.objects.get(source=source, source_id="l-shape").footprint.area == pytest.approx(L_AREA)
    assert not Building.objects.filter(height_estimated=True).exists()


def test_a_dem_in_any_crs_is_registered_and_samples_the_ground_under_each_building(tmp_path):
    run(write_smap_zip(tmp_path))
    out, _ = run(write_dem(tmp_path / "dem.tif", srid=4326, base=GROUND_Z, slope=0.1), "--name", "시청 DEM")
    assert "ground height of 4 buildings sampled" in out
    terrain = Terrain.objects.get()
    assert (terrain.name, terrain.original_srid, terrain.extent.srid) == ("시청 DEM", 4326, 5186)
    assert terrain.file.path.startswith(str(tmp_path / "media" / "terrain"))
    grounds = dict(Building.objects.values_list("source_id", "ground_height"))
    assert grounds["B0001"] == pytest.approx(GROUND_Z, abs=0.5)  # its west edge is at City Hall
    assert grounds["B0004"] == pytest.approx(GROUND_Z + 15, abs=0.5)  # 150 m east
    # buildings imported after the terrain get their ground height on import
    out, _ = run(write_cityjson(tmp_path / "later.json"), "--source", "later")
    assert "with a ground height from the terrain" in out and "2 with a ground height" in out


def test_a_dem_that_does_not_overlap_the_buildings_is_refused_and_leaves_no_file(tmp_path):
    run(write_smap_zip(tmp_path))
    far = (198_056.4 + 20_000, 551_885.0, 198_056.4 + 21_000, 551_885.0 + 1_000)
    with pytest.raises(CommandError, match="does not overlap any building"):
        run(write_dem(tmp_path / "far.tif", srid=5186, bounds=far))
    assert not Terrain.objects.exists()
    assert not list((tmp_path / "media" / "terrain").glob("*.tif"))
