"""Encoding and coordinate-system detection, on bytes and bounds alone."""

import pytest
from pyproj import CRS, Transformer

from imports.detection import (
    ALLOWED_SRIDS,
    AmbiguousCrs,
    UnknownCrs,
    UnknownEncoding,
    detect_crs,
    detect_encoding,
    normalise_encoding,
)

SEOUL_LONLAT = (126.7646, 37.4290, 127.1836, 37.7011)

# The .prj files Korean agencies ship: ESRI WKT with no AUTHORITY, names of their own choosing.
PRJ_5186_ESRI = (
    'PROJCS["KGD2002_Central_Belt_2010",GEOGCS["KGD2002",DATUM["D_Korea_Geodetic_Datum_2002",'
    'SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],'
    'UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],'
    'PARAMETER["False_Easting",200000.0],PARAMETER["False_Northing",600000.0],'
    'PARAMETER["Central_Meridian",127.0],PARAMETER["Scale_Factor",1.0],'
    'PARAMETER["Latitude_Of_Origin",38.0],UNIT["Meter",1.0]]'
)
PRJ_5174_BESSEL_TOWGS84 = (
    'PROJCS["TM",GEOGCS["Bessel",DATUM["unknown",SPHEROID["bessel",6377397.155,299.1528128],'
    'TOWGS84[-115.80,474.99,674.11,1.16,-2.31,-1.63,6.43]],PRIMEM["Greenwich",0],'
    'UNIT["degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],'
    'PARAMETER["latitude_of_origin",38],PARAMETER["central_meridian",127.0028902777778],'
    'PARAMETER["scale_factor",1],PARAMETER["false_easting",200000],'
    'PARAMETER["false_northing",500000],UNIT["Meter",1]]'
)
PRJ_5181_CUSTOM = (
    'PROJCS["GRS80 TM Central",GEOGCS["GRS80",DATUM["unknown",SPHEROID["GRS 1980",6378137,'
    '298.257222101]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],'
    'PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",38],'
    'PARAMETER["central_meridian",127],PARAMETER["scale_factor",1],'
    'PARAMETER["false_easting",200000],PARAMETER["false_northing",500000],UNIT["Meter",1]]'
)


def seoul_bounds_in(srid):
    return Transformer.from_crs(4326, srid, always_xy=True).transform_bounds(*SEOUL_LONLAT)


def test_allowed_srids_are_lonlat_and_the_korean_systems():
    assert set(ALLOWED_SRIDS) == {4326, 5174, 5179, 5181, 5185, 5186, 5187, 5188, 2097}


class TestEncoding:
    def test_cp949_without_cpg_is_recognised_with_its_reason(self):
        detection = detect_encoding(["종로구".encode("cp949"), "서울특별시".encode("cp949")])
        assert detection.value == "cp949"
        assert detection.reason == "DBF text is not valid UTF-8 but decodes as CP949"
        assert detection.confidence >= 0.9

    def test_utf8_without_cpg(self):
        detection = detect_encoding(["종로구".encode(), b"11110"])
        assert (detection.value, detection.reason) == ("utf-8", "DBF text is valid UTF-8")

    def test_utf8_with_byte_order_mark(self):
        detection = detect_encoding([b"\xef\xbb\xbf" + "강남구".encode()], source="the file")
        assert detection.value == "utf-8-sig"
        assert "byte-order mark" in detection.reason

    def test_plain_ascii_is_utf8_and_says_it_does_not_matter(self):
        detection = detect_encoding([b"11110", b"Jongno-gu"])
        assert detection.value == "utf-8"
        assert "ASCII" in detection.reason

    def test_cpg_is_trusted_when_the_text_fits_it(self):
        detection = detect_encoding(["종로구".encode("cp949")], cpg="EUC-KR\n")
        assert (detection.value, detection.reason) == ("cp949", "from .cpg")

    def test_a_cpg_that_does_not_fit_the_text_is_overruled_and_said_so(self):
        detection = detect_encoding(["종로구".encode("cp949")], cpg="UTF-8")
        assert detection.value == "cp949"
        assert detection.reason.startswith(".cpg says UTF-8 but DBF text is not")

    def test_cp949_with_little_hangul_is_less_sure(self):
        detection = detect_encoding(["Seoul 、。".encode("cp949")])
        assert detection.value == "cp949"
        assert detection.confidence < 0.9
        assert "Hangul" in detection.reason

    def test_text_in_neither_encoding_is_refused(self):
        with pytest.raises(UnknownEncoding, match="neither valid UTF-8 nor CP949.*--encoding"):
            detect_encoding([b"\xff\xfe\xff"])

    @pytest.mark.parametrize(
        ("label", "codec"),
        [("UTF-8", "utf-8"), ("65001", "utf-8"), ("949", "cp949"), ("EUC-KR", "cp949"),
         ("ANSI 1252", "cp1252")],
    )  # fmt: skip
    def test_encoding_labels(self, label, codec):
        assert normalise_encoding(label) == codec

    def test_unknown_encoding_label(self):
        with pytest.raises(UnknownEncoding, match="klingon"):
            normalise_encoding("klingon")


class TestCrsFromPrj:
    def test_esri_prj_without_authority(self):
        detection = detect_crs(seoul_bounds_in(5186), PRJ_5186_ESRI)
        assert (detection.srid, detection.reason) == (5186, "from the .prj")

    def test_bessel_prj_with_towgs84_matches_5174_by_its_parameters(self):
        detection = detect_crs(seoul_bounds_in(5174), PRJ_5174_BESSEL_TOWGS84)
        assert detection.srid == 5174
        assert "parameters are those of EPSG:5174" in detection.reason

    def test_grs80_prj_with_false_northing_500000_is_5181_not_5186(self):
        assert detect_crs(seoul_bounds_in(5181), PRJ_5181_CUSTOM).srid == 5181

    def test_declared_epsg_code(self):
        assert detect_crs(SEOUL_LONLAT, "EPSG:4326", declared_by="the GeoJSON file").srid == 4326

    def test_a_system_outside_the_allowed_list_is_refused_by_name(self):
        utm = CRS.from_epsg(32652).to_wkt("WKT1_ESRI")
        with pytest.raises(UnknownCrs, match=r"EPSG:32652 \(WGS 84 / UTM zone 52N\).*--srid"):
            detect_crs(seoul_bounds_in(32652), utm)

    def test_a_prj_that_puts_the_data_outside_korea_is_refused_with_suggestions(self):
        with pytest.raises(UnknownCrs, match="outside South Korea") as caught:
            detect_crs(seoul_bounds_in(5186), CRS.from_epsg(5179).to_wkt())
        assert "EPSG:5186 (KGD2002 / Central Belt 2010)" in str(caught.value)

    def test_unreadable_prj(self):
        with pytest.raises(UnknownCrs, match="cannot be read as a coordinate system"):
            detect_crs(seoul_bounds_in(5186), "PROJCS[nonsense")


class TestCrsFromCoordinates:
    def test_lonlat_in_korea(self):
        detection = detect_crs(SEOUL_LONLAT)
        assert detection.srid == 4326
        assert "longitude/latitude" in detection.reason

    def test_lonlat_outside_korea_is_refused(self):
        with pytest.raises(UnknownCrs, match="outside South Korea"):
            detect_crs((2.2, 48.8, 2.5, 48.9))

    def test_utm_k_is_the_only_fit_for_its_coordinates(self):
        detection = detect_crs(seoul_bounds_in(5179))
        assert (detection.srid, detection.candidates) == (5179, (5179,))
        assert detection.confidence < 1

    def test_central_belt_2010_is_ambiguous_with_the_other_belts(self):
        with pytest.raises(AmbiguousCrs) as caught:
            detect_crs(seoul_bounds_in(5186))
        assert caught.value.candidates == (5185, 5186, 5187)
        message = str(caught.value)
        assert "EPSG:5185 (KGD2002 / West Belt 2010)" in message
        assert "EPSG:5186 (KGD2002 / Central Belt 2010)" in message
        assert "--srid" in message

    def test_the_old_central_belts_cannot_be_told_apart(self):
        with pytest.raises(AmbiguousCrs) as caught:
            detect_crs(seoul_bounds_in(5181))
        assert {5174, 5181, 2097, 5186} <= set(caught.value.candidates)
        assert "EPSG:5174 (Korean 1985 / Modified Central Belt)" in str(caught.value)

    def test_coordinates_no_system_explains(self):
        with pytest.raises(UnknownCrs, match="no accepted one"):
            detect_crs((5e6, 5e6, 6e6, 6e6))

    def test_no_coordinates(self):
        nan = float("nan")
        with pytest.raises(UnknownCrs, match="no coordinates"):
            detect_crs((nan, nan, nan, nan))


class TestCrsGiven:
    def test_given_srid_wins_over_the_prj(self):
        detection = detect_crs(seoul_bounds_in(5186), PRJ_5181_CUSTOM, srid=5186)
        assert (detection.srid, detection.reason) == (5186, "given with --srid")

    def test_given_srid_must_be_allowed(self):
        with pytest.raises(UnknownCrs, match="EPSG:3857 is not an accepted"):
            detect_crs(seoul_bounds_in(5186), srid=3857)

    def test_given_srid_must_put_the_data_in_korea(self):
        with pytest.raises(UnknownCrs, match="EPSG:5179.*given with --srid.*outside South Korea"):
            detect_crs(seoul_bounds_in(5186), srid=5179)
