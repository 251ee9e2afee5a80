"""Reading GeoJSON and (zipped) Shapefiles: encodings, coordinate systems, unsafe archives."""

import zipfile

import pytest
import shapely

from imports.detection import AmbiguousCrs, UnknownCrs
from imports.readers import (
    GeometryError,
    LayerChoiceError,
    TextDecodingError,
    TooLarge,
    UnsafeArchive,
    UnsupportedFile,
    read_vector,
)

from .helpers import (
    CITY_HALL,
    DISTRICT_ROWS,
    JUNGGU,
    project,
    write_geojson,
    write_shapefile,
    zip_files,
    zip_shapefile,
)


def names(data):
    return [row["SIG_KOR_NM"] for row in data.rows]


def assert_junggu_in_place(data):
    """The first feature is 중구 where it belongs (to within a few centimetres)."""
    assert data.geometries[0].contains(CITY_HALL)
    assert shapely.hausdorff_distance(data.geometries[0], JUNGGU) < 1e-6


class TestRealFiles:
    def test_geojson_in_lonlat_and_utf8(self, shared_data):
        data = read_vector(shared_data / "seoul_gu_2022.geojson")
        assert len(data.geometries) == 25
        assert (data.encoding.value, data.crs.srid) == ("utf-8", 4326)
        assert names(data)[:2] == ["종로구", "중구"]

    def test_agency_zip_in_5186_and_cp949_without_cpg(self, shared_data):
        data = read_vector(shared_data / "seoul_gu_5186_cp949.zip")
        assert data.layer == "seoul_gu_5186"
        assert data.encoding.value == "cp949"
        assert data.encoding.reason == "DBF text is not valid UTF-8 but decodes as CP949"
        assert (data.crs.srid, data.crs.reason) == (5186, "from the .prj")
        assert names(data)[:3] == ["종로구", "중구", "용산구"]

    def test_both_files_give_the_same_boundaries(self, shared_data):
        geojson = read_vector(shared_data / "seoul_gu_2022.geojson")
        shapefile = read_vector(shared_data / "seoul_gu_5186_cp949.zip")
        assert [row["SIG_CD"] for row in geojson.rows] == [row["SIG_CD"] for row in shapefile.rows]
        for a, b in zip(geojson.geometries, shapefile.geometries, strict=True):
            assert shapely.hausdorff_distance(a, b) < 1e-6


class TestEncoding:
    def test_cp949_without_cpg(self, tmp_path):
        data = read_vector(write_shapefile(tmp_path, encoding="CP949", cpg=False))
        assert names(data) == ["중구", "종로구"]
        assert data.encoding.value == "cp949"
        assert "not valid UTF-8 but decodes as CP949" in data.encoding.reason

    def test_utf8_without_cpg(self, tmp_path):
        data = read_vector(write_shapefile(tmp_path, encoding="UTF-8", cpg=False))
        assert names(data) == ["중구", "종로구"]
        assert (data.encoding.value, data.encoding.reason) == ("utf-8", "DBF text is valid UTF-8")

    def test_cpg_is_used(self, tmp_path):
        data = read_vector(zip_shapefile(write_shapefile(tmp_path, encoding="CP949", cpg=True)))
        assert (data.encoding.value, data.encoding.reason) == ("cp949", "from .cpg")
        assert names(data) == ["중구", "종로구"]

    def test_korean_column_names_are_decoded_too(self, tmp_path):
        rows = [{"코드": "11140", "이름": "중구", "geometry": JUNGGU}]
        data = read_vector(write_shapefile(tmp_path, rows, encoding="CP949"))
        assert data.rows == [{"코드": "11140", "이름": "중구"}]

    def test_encoding_given_by_the_caller(self, tmp_path):
        data = read_vector(write_shapefile(tmp_path, encoding="CP949"), encoding="euc-kr")
        assert (data.encoding.value, data.encoding.reason) == ("cp949", "given with --encoding")
        assert names(data) == ["중구", "종로구"]

    def test_forcing_utf8_on_cp949_fails_clearly_instead_of_garbling(self, tmp_path):
        shp = write_shapefile(tmp_path, encoding="CP949")
        with pytest.raises(TextDecodingError) as caught:
            read_vector(shp, encoding="utf-8")
        message = str(caught.value)
        assert "is not valid utf-8" in message
        assert "It looks like cp949" in message

    def test_geojson_in_cp949_is_read_correctly(self, tmp_path):
        data = read_vector(write_geojson(tmp_path / "gu.geojson", encoding="cp949"))
        assert data.encoding.value == "cp949"
        assert names(data) == ["중구", "종로구"]

    def test_geojson_with_byte_order_mark(self, tmp_path):
        path = write_geojson(tmp_path / "gu.geojson", encoding="utf-8-sig")
        data = read_vector(path)
        assert data.encoding.value == "utf-8-sig"
        assert names(data) == ["중구", "종로구"]


class TestCoordinateSystem:
    def test_prj_is_used(self, tmp_path):
        data = read_vector(write_shapefile(tmp_path, srid=5181))
        assert (data.crs.srid, data.crs.reason) == (5181, "from the .prj")
        assert_junggu_in_place(data)

    def test_utm_k_without_prj_is_detected(self, tmp_path):
        data = read_vector(zip_shapefile(write_shapefile(tmp_path, srid=5179, prj=False)))
        assert data.crs.srid == 5179
        assert "no coordinate system declared" in data.crs.reason
        assert_junggu_in_place(data)

    def test_central_belt_2010_without_prj_is_ambiguous(self, tmp_path):
        shp = write_shapefile(tmp_path, srid=5186, prj=False)
        with pytest.raises(AmbiguousCrs) as caught:
            read_vector(shp)
        assert 5186 in caught.value.candidates
        assert "EPSG:5186 (KGD2002 / Central Belt 2010)" in str(caught.value)

    def test_srid_given_by_the_caller(self, tmp_path):
        data = read_vector(write_shapefile(tmp_path, srid=5186, prj=False), srid=5186)
        assert (data.crs.srid, data.crs.reason) == (5186, "given with --srid")
        assert_junggu_in_place(data)

    def test_wrong_srid_that_would_leave_korea_is_refused(self, tmp_path):
        with pytest.raises(UnknownCrs, match="outside South Korea"):
            read_vector(write_shapefile(tmp_path, srid=5186, prj=False), srid=5179)

    def test_geojson_in_metres_without_crs_member_is_refused_then_read_with_srid(self, tmp_path):
        rows = [{**row, "geometry": project(row["geometry"], 5179)} for row in DISTRICT_ROWS]
        path = write_geojson(tmp_path / "utmk.geojson", rows)
        with pytest.raises(UnknownCrs, match="could be EPSG:5179 .*--srid"):
            read_vector(path)
        assert_junggu_in_place(read_vector(path, srid=5179))

    def test_geojson_is_lonlat(self, tmp_path):
        data = read_vector(write_geojson(tmp_path / "gu.geojson"))
        assert data.crs.srid == 4326
        assert_junggu_in_place(data)


class TestArchives:
    def test_member_climbing_out_with_dotdot_is_refused(self, tmp_path):
        shp = write_shapefile(tmp_path / "src")
        files = sorted(shp.parent.glob("districts.*"))
        archive = zip_files(tmp_path / "evil.zip", files, [f"../{f.name}" for f in files])
        with pytest.raises(UnsafeArchive, match=r"'\.\./districts\.[a-z]+'.*refused"):
            read_vector(archive)

    def test_member_with_absolute_path_is_refused(self, tmp_path):
        shp = write_shapefile(tmp_path / "src")
        archive = zip_shapefile(shp, tmp_path / "evil.zip")
        with zipfile.ZipFile(archive, "a") as bundle:
            bundle.writestr("/etc/cron.d/evil", "* * * * * root true\n")
        with pytest.raises(UnsafeArchive, match="/etc/cron.d/evil"):
            read_vector(archive)

    def test_archive_that_unpacks_to_more_than_the_limit_is_refused(self, tmp_path):
        archive = zip_shapefile(write_shapefile(tmp_path / "src"), tmp_path / "bomb.zip")
        with zipfile.ZipFile(archive, "a", zipfile.ZIP_DEFLATED) as bundle:
            bundle.writestr("padding.txt", b"\0" * 3 * 1024 * 1024)
        assert archive.stat().st_size < 1024 * 1024
        with pytest.raises(TooLarge, match=r"unpacks to 3\.0 MB, more than the limit of 1\.0 MB"):
            read_vector(archive, max_uncompressed_bytes=1024 * 1024)

    def test_several_shapefiles_need_a_layer_name(self, tmp_path):
        first = write_shapefile(tmp_path / "src", name="gu")
        second = write_shapefile(tmp_path / "src", DISTRICT_ROWS[1:], name="jongno")
        archive = zip_files(tmp_path / "two.zip", sorted(first.parent.iterdir()))
        with pytest.raises(LayerChoiceError, match="2 Shapefiles.*gu.*jongno.*--layer"):
            read_vector(archive)
        data = read_vector(archive, layer=second.stem)
        assert names(data) == ["종로구"]
        with pytest.raises(LayerChoiceError, match="no layer 'dong'"):
            read_vector(archive, layer="dong")

    def test_shapefile_in_a_subfolder_of_the_zip(self, tmp_path):
        shp = write_shapefile(tmp_path / "src")
        files = sorted(shp.parent.glob("districts.*"))
        archive = zip_files(tmp_path / "nested.zip", files, [f"data/{f.name}" for f in files])
        assert names(read_vector(archive)) == ["중구", "종로구"]

    def test_folder_with_one_shapefile(self, tmp_path):
        shp = write_shapefile(tmp_path / "folder")
        assert names(read_vector(shp.parent)) == ["중구", "종로구"]

    def test_zip_without_shapefile(self, tmp_path):
        archive = tmp_path / "empty.zip"
        with zipfile.ZipFile(archive, "w") as bundle:
            bundle.writestr("readme.txt", "nothing here")
        with pytest.raises(LayerChoiceError, match="contains no Shapefile"):
            read_vector(archive)

    def test_not_a_zip(self, tmp_path):
        archive = tmp_path / "broken.zip"
        archive.write_bytes(b"not a zip at all")
        with pytest.raises(UnsupportedFile, match="not a valid zip archive"):
            read_vector(archive)

    def test_unsupported_file_type(self, tmp_path):
        path = tmp_path / "districts.csv"
        path.write_text("code,name\n")
        with pytest.raises(UnsupportedFile, match="GeoJSON.*Shapefile"):
            read_vector(path)

    def test_missing_file(self, tmp_path):
        with pytest.raises(UnsupportedFile, match="does not exist"):
            read_vector(tmp_path / "nowhere.geojson")

    def test_geojson_larger_than_the_limit(self, tmp_path):
        path = write_geojson(tmp_path / "gu.geojson")
        with pytest.raises(TooLarge, match="larger than the limit"):
            read_vector(path, max_uncompressed_bytes=100)


class TestGeometry:
    def test_self_intersecting_polygon_is_repaired_and_stays_polygonal(self, tmp_path):
        corners = [(126.97, 37.55), (126.99, 37.57), (126.99, 37.55), (126.97, 37.57)]
        bowtie = shapely.Polygon(corners)
        assert not bowtie.is_valid
        rows = [{"SIG_CD": "11140", "SIG_KOR_NM": "중구", "geometry": bowtie}]
        data = read_vector(write_geojson(tmp_path / "bowtie.geojson", rows))
        assert data.repaired == 1
        repaired = data.geometries[0]
        assert repaired.is_valid
        assert repaired.geom_type == "MultiPolygon"
        assert repaired.area == pytest.approx(0.0002, rel=1e-6)

    def test_polygon_with_no_area_is_refused(self, tmp_path):
        flat = shapely.Polygon([(126.97, 37.55), (126.98, 37.55), (126.99, 37.55), (126.97, 37.55)])
        rows = [{"SIG_CD": "11140", "SIG_KOR_NM": "중구", "geometry": flat}]
        with pytest.raises(GeometryError, match="Feature 1 is a polygon with no area"):
            read_vector(write_geojson(tmp_path / "flat.geojson", rows))
