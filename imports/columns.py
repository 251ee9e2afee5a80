"""Which column of a table holds what: coordinates, a title, a category, a summary, by Korean and English names.

Korean open-data files name the same thing many ways (경도, 경도(WGS84),
X좌표, 좌표X, 위치_X …). A name is normalised (lower case, parenthesised
notes such as "(UTM-K)" and punctuation dropped) and compared with the known
names of each role, most specific first. Pure: no Django.
"""

import re

PARENTHESISED = re.compile(r"\([^)]*\)|\[[^\]]*\]")
NOT_A_LETTER = re.compile(r"[^0-9a-z\uac00-\ud7a3]")

LONGITUDE = ("lon", "lng", "long", "longitude", "경도", "wgs84경도", "위치경도", "경도좌표", "gpslon", "gps경도")
LATITUDE = ("lat", "latitude", "위도", "wgs84위도", "위치위도", "위도좌표", "gpslat", "gps위도")
X = ("x", "x좌표", "좌표x", "xcoord", "coordx", "pointx", "위치x", "xpos", "tmx", "utmkx", "x좌표값", "엑스좌표")
Y = ("y", "y좌표", "좌표y", "ycoord", "coordy", "pointy", "위치y", "ypos", "tmy", "utmky", "y좌표값", "와이좌표")
WKT = ("wkt", "geometrywkt", "geometry", "geom", "thegeom", "shape", "공간정보", "도형")
TITLE = (
    "title",
    "name",
    "제목",
    "이름",
    "명칭",
    "시설명",
    "장소명",
    "상호명",
    "상호",
    "업소명",
    "시설물명",
    "설치장소",
    "설치위치",
    "admnm",
    "sigkornm",
    "emdkornm",
    "ctpkornm",
    "sggnm",
    "namekor",
    "namekorean",
    "nameko",
    "한글명",
)
CATEGORY = ("category", "카테고리", "분류", "종류", "유형", "구분", "시설구분", "시설종류", "type", "kind", "folder")
SUMMARY = (
    "summary",
    "description",
    "desc",
    "설명",
    "내용",
    "요약",
    "상세내용",
    "비고",
    "소재지도로명주소",
    "도로명주소",
    "소재지지번주소",
    "지번주소",
    "주소",
    "address",
)


def normalise(name):
    """``"X좌표(UTM-K)"`` → ``"x좌표"``; ``"Longitude "`` → ``"longitude"``."""
    return NOT_A_LETTER.sub("", PARENTHESISED.sub("", str(name).lower()))


def find_column(columns, known):
    """The first of ``columns`` whose normalised name is in ``known``, in the order of ``known``; else None."""
    by_name = {}
    for column in columns:
        by_name.setdefault(normalise(column), column)
    return next((by_name[name] for name in known if name in by_name), None)


def coordinate_columns(columns):
    """``("wkt", column)``, ``("lonlat", lon, lat)``, ``("xy", x, y)`` or None, in that order of preference."""
    wkt = find_column(columns, WKT)
    if wkt:
        return ("wkt", wkt)
    lon, lat = find_column(columns, LONGITUDE), find_column(columns, LATITUDE)
    if lon and lat:
        return ("lonlat", lon, lat)
    x, y = find_column(columns, X), find_column(columns, Y)
    if x and y:
        return ("xy", x, y)
    return None
