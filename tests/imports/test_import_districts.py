"""Importing districts into PostGIS: real agency files, overrides, re-imports, all-or-nothing."""

import subprocess
import sys
from io import StringIO

import pytest
import shapely
from django.conf import settings
from django.contrib.gis.geos import Point
from django.core.management import CommandError, call_command

from imports.districts import DistrictImportError, load_districts
from mapping.district_names import SEOUL_DISTRICTS
from mapping.models import District

from .helpers import CITY_HALL, DISTRICT_ROWS, JUNGGU, write_geojson, write_shapefile

pytestmark = pytest.mark.django_db

SEOUL_NAMES_KO = {name_ko for name_ko, _ in SEOUL_DISTRICTS.values()}


def import_districts(*args):
    """Run ``manage.py import_districts`` and return what it printed."""
    out = StringIO()
    call_command("import_districts", *map(str, args), stdout=out)
    return out.getvalue()


def area_km2(district):
    return district.boundary.transform(5186, clone=True).area / 1e6


def snapshot():
    return sorted(District.objects.values_list("code", "name_ko", "name_en", "boundary"))


def assert_the_25_districts_of_seoul():
    districts = {district.code: district for district in District.objects.all()}
    assert len(districts) == 25
    assert {d.name_ko for d in districts.values()} == SEOUL_NAMES_KO
    for code, (name_ko, name_en) in SEOUL_DISTRICTS.items():
        assert (districts[code].name_ko, districts[code].name_en) == (name_ko, name_en)
    assert districts["11110"].boundary.contains(Point(126.978, 37.573, srid=4326))
    assert districts["11680"].boundary.contains(Point(127.047, 37.517, srid=4326))  # 강남구청
    assert not districts["11680"].boundary.contains(Point(126.978, 37.573, srid=4326))
    assert 23 < area_km2(districts["11110"]) < 25  # 종로구: 23.9 km²
    assert 9.5 < area_km2(districts["11140"]) < 10.5  # 중구: 9.96 km²
    assert 37 < area_km2(districts["11680"]) < 41  # 강남구: 39.5 km²
    assert 595 < sum(area_km2(d) for d in districts.values()) < 620  # Seoul: 605 km²


class TestRealFiles:
    def test_geojson(self, shared_data):
        output = import_districts(shared_data / "seoul_gu_2022.geojson")
        assert_the_25_districts_of_seoul()
        assert "Text encoding: utf-8 (the GeoJSON text is valid UTF-8)" in output
        assert "Imported 25 districts." in output

    def test_agency_zip_in_cp949_and_5186(self, shared_data):
        output = import_districts(shared_data / "seoul_gu_5186_cp949.zip")
        assert_the_25_districts_of_seoul()
        assert "Text encoding: cp949 (DBF text is not valid UTF-8 but decodes as CP949)" in output
        assert "Coordinate system: EPSG:5186 (KGD2002 / Central Belt 2010) (from the .prj)" in output
        assert "25 districts: 25 new, 0 updated." in output

    def test_reimport_updates_instead_of_duplicating(self, shared_data, junggu):
        junggu_id = junggu.pk
        District.objects.filter(code="11110").delete()
        import_districts(shared_data / "seoul_gu_2022.geojson")
        District.objects.filter(code="11140").update(name_en="stale")
        output = import_districts(shared_data / "seoul_gu_5186_cp949.zip")
        assert "25 districts: 0 new, 25 updated." in output
        assert District.objects.count() == 25
        junggu = District.objects.get(code="11140")
        assert (junggu.pk, junggu.name_en) == (junggu_id, "Jung-gu")
        assert junggu.boundary.contains(Point(CITY_HALL.x, CITY_HALL.y, srid=4326))
        assert_the_25_districts_of_seoul()


class TestSyntheticFiles:
    def test_polygon_becomes_multipolygon_and_english_name_is_filled_in(self, tmp_path):
        count = load_districts(write_shapefile(tmp_path, srid=5179, prj=False))
        assert count == 2
        junggu = District.objects.get(code="11140")
        assert junggu.boundary.geom_type == "MultiPolygon"
        assert junggu.boundary.srid == 4326
        stored = shapely.normalize(shapely.from_wkt(junggu.boundary.wkt))
        assert stored.equals_exact(shapely.normalize(shapely.MultiPolygon([JUNGGU])), 1e-6)
        assert (junggu.name_ko, junggu.name_en) == ("중구", "Jung-gu")

    def test_other_column_names_are_recognised(self, tmp_path):
        rows = [
            {
                "code": 11140,
                "name_ko": "서울특별시 중구",
                "name_en": "Jung District",
                "geometry": JUNGGU,
            }
        ]
        load_districts(write_geojson(tmp_path / "gu.geojson", rows))
        junggu = District.objects.get(code="11140")
        assert (junggu.name_ko, junggu.name_en) == ("중구", "Jung District")

    def test_ten_digit_district_code_and_missing_korean_name(self, tmp_path):
        rows = [{"adm_cd": "1111000000", "geometry": DISTRICT_ROWS[1]["geometry"]}]
        load_districts(write_geojson(tmp_path / "gu.geojson", rows))
        assert District.objects.get(code="11110").name_ko == "종로구"

    def test_ambiguous_crs_stops_the_command_naming_the_candidates(self, tmp_path):
        shp = write_shapefile(tmp_path, srid=5186, prj=False)
        with pytest.raises(CommandError) as caught:
            import_districts(shp)
        assert "EPSG:5185 (KGD2002 / West Belt 2010)" in str(caught.value)
        assert "EPSG:5186 (KGD2002 / Central Belt 2010)" in str(caught.value)
        assert "--srid" in str(caught.value)
        assert not District.objects.exists()

    def test_the_command_exits_non_zero_with_the_reason(self, tmp_path):
        shp = write_shapefile(tmp_path, srid=5186, prj=False)
        result = subprocess.run(  # noqa: S603 - our manage.py, a path we made
            [sys.executable, "manage.py", "import_districts", str(shp)],
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 1
        assert "CommandError: Nothing imported." in result.stderr
        assert "EPSG:5186 (KGD2002 / Central Belt 2010)" in result.stderr

    def test_srid_override(self, tmp_path):
        shp = write_shapefile(tmp_path, srid=5186, prj=False)
        output = import_districts(shp, "--srid", "5186")
        assert "EPSG:5186 (KGD2002 / Central Belt 2010) (given with --srid)" in output
        junggu = District.objects.get(code="11140")
        assert junggu.boundary.contains(Point(CITY_HALL.x, CITY_HALL.y, srid=4326))

    def test_encoding_override(self, tmp_path):
        shp = write_shapefile(tmp_path, encoding="CP949")
        output = import_districts(shp, "--encoding", "euc-kr")
        assert "Text encoding: cp949 (given with --encoding)" in output
        assert District.objects.get(code="11110").name_ko == "종로구"

    def test_utf8_forced_on_cp949_fails_clearly(self, tmp_path, junggu):
        before = snapshot()
        shp = write_shapefile(tmp_path, encoding="CP949")
        with pytest.raises(CommandError, match="not valid utf-8.*It looks like cp949"):
            import_districts(shp, "--encoding", "utf-8")
        assert snapshot() == before

    def test_an_encoding_that_decodes_to_garbage_is_caught(self, tmp_path):
        shp = write_shapefile(tmp_path, encoding="CP949")
        with pytest.raises(CommandError, match=r"is not Hangul; the text encoding \(iso8859-1\) is probably wrong"):
            import_districts(shp, "--encoding", "latin-1")
        assert not District.objects.exists()

    def test_unknown_encoding_name(self, tmp_path):
        with pytest.raises(CommandError, match="Unknown text encoding 'klingon'"):
            import_districts(write_shapefile(tmp_path), "--encoding", "klingon")


class TestAllOrNothing:
    def test_a_bad_row_leaves_the_table_unchanged(self, tmp_path, junggu, jongnogu):
        before = snapshot()
        rows = [
            {"SIG_CD": "11140", "SIG_KOR_NM": "중구", "geometry": JUNGGU},
            {"SIG_CD": "1114", "SIG_KOR_NM": "종로구", "geometry": JUNGGU},
        ]
        with pytest.raises(DistrictImportError, match="Row 2: '1114' is not a five-digit"):
            load_districts(write_geojson(tmp_path / "gu.geojson", rows))
        assert snapshot() == before

    def test_duplicate_codes_are_refused(self, tmp_path):
        rows = [DISTRICT_ROWS[0], DISTRICT_ROWS[0]]
        with pytest.raises(DistrictImportError, match="11140 appears twice, in rows 1 and 2"):
            load_districts(write_geojson(tmp_path / "gu.geojson", rows))
        assert not District.objects.exists()

    def test_a_failure_while_writing_rolls_back_the_rows_already_written(self, tmp_path, junggu, monkeypatch):
        before = snapshot()
        real_update_or_create = District.objects.update_or_create
        calls = []

        def fail_on_second_row(**kwargs):
            calls.append(kwargs["code"])
            if len(calls) == 2:
                raise RuntimeError("database went away")
            return real_update_or_create(**kwargs)

        monkeypatch.setattr(District.objects, "update_or_create", fail_on_second_row)
        with pytest.raises(RuntimeError, match="database went away"):
            load_districts(write_geojson(tmp_path / "gu.geojson"))
        assert calls == ["11140", "11110"]
        assert snapshot() == before

    def test_missing_code_column(self, tmp_path):
        rows = [{"NAME": "중구", "geometry": JUNGGU}]
        with pytest.raises(CommandError, match="No district code column: expected one of SIG_CD"):
            import_districts(write_geojson(tmp_path / "gu.geojson", rows))
