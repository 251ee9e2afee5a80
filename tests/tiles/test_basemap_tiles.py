"""District and building tiles: names and codes, label points, zoom rules and freshness after writes."""

from django.contrib.gis.geos import MultiPolygon, Polygon

from mapping.models import District

from .helpers import features_in, tile_of

CITY_HALL = (126.978, 37.5665)


def district_tile(client, lon, lat, z):
    (z, x, y), _ = tile_of(lon, lat, z)
    return client.get(f"/tiles/districts/{z}/{x}/{y}.mvt")


def test_district_tile_has_boundaries_and_label_points(junggu, jongnogu, client):
    response = district_tile(client, 126.99, 37.58, 10)
    shapes = features_in(response, "districts")
    labels = features_in(response, "district_labels")
    assert {f["properties"]["code"] for f in shapes} == {"11110", "11140"}
    assert {f["properties"]["name_ko"] for f in shapes} == {"종로구", "중구"}
    assert {f["properties"]["name_en"] for f in labels} == {"Jongno-gu", "Jung-gu"}
    assert all(f["geometry"]["type"] == "Point" for f in labels)
    assert {f["geometry"]["type"] for f in shapes} <= {"Polygon", "MultiPolygon"}


def test_district_tile_changes_at_once_after_an_edit(junggu, client):
    before = features_in(district_tile(client, 126.99, 37.56, 12), "districts")
    assert [f["properties"]["name_ko"] for f in before] == ["중구"]
    District.objects.filter(pk=junggu.pk).update(name_ko="중구청")
    after = features_in(district_tile(client, 126.99, 37.56, 12), "districts")
    assert [f["properties"]["name_ko"] for f in after] == ["중구청"]
    District.objects.create(
        code="11170",
        name_ko="용산구",
        boundary=MultiPolygon(Polygon.from_bbox((126.96, 37.50, 127.02, 37.54)), srid=4326),
    )
    names = {f["properties"]["name_ko"] for f in features_in(district_tile(client, 126.99, 37.56, 12), "districts")}
    assert names == {"중구청", "용산구"}


def test_district_tiles_reject_filters_and_bad_coordinates(junggu, client):
    assert client.get("/tiles/districts/12/3493/1586.mvt?category=x").status_code == 400
    assert client.get("/tiles/districts/12/4096/0.mvt").status_code == 400
    assert client.get("/tiles/districts/12/0/0.mvt").status_code == 204
