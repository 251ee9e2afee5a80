"""The readers of every format users bring, and the hostile files they refuse. Pure: no database."""

import zipfile

import pytest

from imports.readers import Limits, TooLarge, UnsafeArchive, UnsafeXml, UnsupportedFile, read_file
from imports.readers.errors import GeometryError

from .files import BILLION_LAUGHS, GPX, KML, XXE_KML, write_geopackage, write_kmz, write_text, write_xlsx
from .helpers import CITY_HALL, project, write_shapefile, zip_files, zip_shapefile


def near(geometry, lon, lat, tolerance=1e-6):
    return abs(geometry.x - lon) < tolerance and abs(geometry.y - lat) < tolerance


class TestTables:
    def test_korean_lon_lat_columns_in_cp949_with_line_numbers_of_skipped_rows(self, tmp_path):
        text = "시설명,경도,위도\n가로등 1,126.9779,37.5663\n가로등 2,,\n가로등 3,동쪽,37.56\n"
        data = read_file(write_text(tmp_path / "lights.csv", text, "cp949"))
        assert data.encoding.value == "cp949" and data.crs.srid == 4326
        assert data.rows[0]["시설명"] == "가로등 1"
        assert near(data.geometries[0], 126.9779, 37.5663)
        assert data.skipped == {1: "no coordinates", 2: "coordinates that are not numbers (경도 '동쪽')"}
        assert [data.where(index) for index in (0, 1, 2)] == ["line 2", "line 3", "line 4"]

    def test_projected_x_y_columns_are_placed_by_their_values(self, tmp_path):
        x, y = project(CITY_HALL, 5179).coords[0]
        text = f"명칭\tX좌표(UTM-K)\tY좌표(UTM-K)\n시청\t{x:.2f}\t{y:.2f}\n"
        data = read_file(write_text(tmp_path / "hall.tsv", text))
        assert data.crs.srid == 5179 and data.crs.confidence < 1
        assert near(data.geometries[0], CITY_HALL.x, CITY_HALL.y, 1e-5)

    def test_a_given_srid_wins_and_ambiguous_metres_are_refused_without_it(self, tmp_path):
        x, y = project(CITY_HALL, 5186).coords[0]
        path = write_text(tmp_path / "hall.csv", f"name,x,y\n시청,{x:.2f},{y:.2f}\n")
        with pytest.raises(Exception, match="--srid"):
            read_file(path)
        assert near(read_file(path, srid=5186).geometries[0], CITY_HALL.x, CITY_HALL.y, 1e-5)

    def test_wkt_column_and_semicolon_delimiter(self, tmp_path):
        text = 'name;wkt\n길;"LINESTRING (126.97 37.56, 126.98 37.57)"\n'
        data = read_file(write_text(tmp_path / "lines.csv", text))
        assert data.geometries[0].geom_type == "LineString"

    def test_spreadsheet_escapes_are_undone(self, tmp_path):
        data = read_file(write_text(tmp_path / "escaped.csv", "title,lon,lat\n'=SUM(A1),126.98,37.56\n"))
        assert data.rows[0]["title"] == "=SUM(A1)"

    def test_xlsx_sheet_with_numbers_and_a_named_sheet(self, tmp_path):
        rows = [
            ["이름", "경도", "위도", "설치일"],
            ["CCTV 1", 126.9779, 37.5663, "2024-03-05"],
            ["CCTV 2", 126.99, 37.57, None],
        ]
        path = write_xlsx(tmp_path / "cctv.xlsx", rows, sheet="CCTV")
        data = read_file(path)
        assert data.layer == "CCTV" and data.encoding.value == "utf-8"
        assert data.rows[1]["이름"] == "CCTV 2" and data.lines == (2, 3)
        assert near(data.geometries[0], 126.9779, 37.5663)
        with pytest.raises(Exception, match="no layer 'other'"):
            read_file(path, layer="other")

    def test_a_table_without_coordinate_columns_says_which_names_work(self, tmp_path):
        with pytest.raises(GeometryError, match="경도/위도 or lon/lat"):
            read_file(write_text(tmp_path / "plain.csv", "이름,주소\n시청,세종대로 110\n"))


class TestXmlFormats:
    def test_gpx_waypoints_and_tracks(self, tmp_path):
        data = read_file(write_text(tmp_path / "walk.gpx", GPX))
        kinds = [(row["gpx_type"], row["name"]) for row in data.rows]
        assert kinds == [("waypoint", "시청 앞"), ("waypoint", "종묘"), ("track", "아침 산책"), ("track", "한 점뿐")]
        assert data.geometries[0].geom_type == "Point" and data.rows[0]["time"] == "2024-05-01T09:00:00Z"
        assert data.geometries[2].geom_type == "LineString" and len(data.geometries[2].coords) == 3
        assert data.rows[2]["description"] == "청계천 따라" and data.rows[2]["time"] == "2024-05-01T09:05:00Z"
        assert data.skipped == {3: "no geometry"}  # a track of one point is no line
        assert data.crs.srid == 4326

    def test_kml_placemarks_with_folders_extended_data_and_holes(self, tmp_path):
        data = read_file(write_text(tmp_path / "map.kml", KML))
        assert [row["name"] for row in data.rows] == ["골목 입구", "지하도", "물길"]
        assert [row["folder"] for row in data.rows] == ["어두운 골목", "침수", "침수"]
        assert data.rows[0]["lamps"] == "3" and data.rows[0]["description"] == "가로등이 꺼져 있음"
        polygon = data.geometries[1]
        assert polygon.geom_type == "Polygon" and len(polygon.interiors) == 1
        assert data.geometries[2].geom_type == "LineString"

    def test_kmz(self, tmp_path):
        data = read_file(write_kmz(tmp_path / "map.kmz"))
        assert len(data.rows) == 3

    def test_external_entities_in_kml_are_refused(self, tmp_path):
        with pytest.raises(UnsafeXml, match="DTD or entities.*refused"):
            read_file(write_text(tmp_path / "xxe.kml", XXE_KML))
        with pytest.raises(UnsafeXml):
            read_file(write_kmz(tmp_path / "xxe.kmz", XXE_KML))

    def test_entity_expansion_bomb_in_gpx_is_refused(self, tmp_path):
        with pytest.raises(UnsafeXml):
            read_file(write_text(tmp_path / "laughs.gpx", BILLION_LAUGHS))

    def test_malformed_xml(self, tmp_path):
        with pytest.raises(UnsupportedFile, match="not well-formed"):
            read_file(write_text(tmp_path / "broken.kml", "<kml><Placemark>"))


class TestGeoPackage:
    def test_reads_the_layer_and_its_crs(self, tmp_path):
        rows = [{"name": "시청", "kind": "관공서", "geometry": CITY_HALL}]
        data = read_file(write_geopackage(tmp_path / "places.gpkg", rows, srid=5186))
        assert (data.crs.srid, data.crs.reason) == (5186, "from the GeoPackage")
        assert data.rows[0]["name"] == "시청"
        assert near(data.geometries[0], CITY_HALL.x, CITY_HALL.y, 1e-6)


class TestHostileArchives:
    def test_a_tightly_packed_member_is_refused_as_a_zip_bomb(self, tmp_path):
        archive = zip_shapefile(write_shapefile(tmp_path / "src"), tmp_path / "bomb.zip")
        with zipfile.ZipFile(archive, "a", zipfile.ZIP_DEFLATED) as bundle:
            bundle.writestr("padding.dbf", b"\0" * 20 * 1024 * 1024)
        assert archive.stat().st_size < 200 * 1024
        with pytest.raises(TooLarge, match="packed .* times smaller.*zip bomb"):
            read_file(archive, limits=Limits(max_compression_ratio=100))

    def test_zip_slip_in_a_kmz(self, tmp_path):
        kml = write_text(tmp_path / "doc.kml", KML)
        archive = zip_files(tmp_path / "evil.kmz", [kml], ["../../doc.kml"])
        with pytest.raises(UnsafeArchive, match="climbs out"):
            read_file(archive)

    def test_an_xlsx_bomb_is_refused_before_openpyxl_opens_it(self, tmp_path):
        path = write_xlsx(tmp_path / "bomb.xlsx", [["lon", "lat"], [126.98, 37.56]])
        with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as bundle:
            bundle.writestr("xl/padding.xml", b" " * 20 * 1024 * 1024)
        with pytest.raises(TooLarge, match="zip bomb"):
            read_file(path)

    def test_a_file_over_the_size_limit(self, tmp_path):
        path = write_text(tmp_path / "big.csv", "lon,lat\n" + "126.98,37.56\n" * 1000)
        with pytest.raises(TooLarge, match="larger than the limit"):
            read_file(path, limits=Limits(max_uncompressed_bytes=1000))

    def test_too_many_rows(self, tmp_path):
        path = write_text(tmp_path / "many.csv", "lon,lat\n" + "126.98,37.56\n" * 11)
        with pytest.raises(TooLarge, match="more than 10 rows"):
            read_file(path, limits=Limits(max_rows=10))
