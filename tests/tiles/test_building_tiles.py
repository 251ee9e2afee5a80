"""Building tiles: attributes against the database, the zoom rule, footprint thinning and freshness."""

from django.contrib.gis.geos import MultiPolygon, Polygon
from pyproj import Transformer

from digital_twin.models import Building

from .helpers import features_in, tile_of

TO_LONLAT = Transformer.from_crs(5186, 4326, always_xy=True)
X, Y = 198_056.0, 551_885.0  # Seoul City Hall in EPSG:5186
LON, LAT = TO_LONLAT.transform(X, Y)


def building(source_id, size, height=15.0, floors=5, use="office", dx=0.0):
    square = Polygon.from_bbox((X + dx, Y, X + dx + size, Y + size))
    return Building.objects.create(
        footprint=MultiPolygon(square, srid=5186),
        height=height,
        floors_above=floors,
        use=use,
        source="test",
        source_id=source_id,
    )


def building_tile(client, z):
    (z, x, y), _ = tile_of(LON, LAT, z)
    return client.get(f"/tiles/buildings/{z}/{x}/{y}.mvt")


def test_building_tile_has_height_floors_and_use(db, client):
    tower = building("tower", 40, height=120.5, floors=35, use="office")
    (feature,) = features_in(building_tile(client, 16), "buildings")
    assert feature["id"] == tower.pk
    assert feature["properties"] == {"height": 120.5, "floors": 35, "use": "office"}
    assert feature["geometry"]["type"] == "Polygon"


def test_no_buildings_below_zoom_13_and_small_ones_only_from_zoom_15(db, client):
    building("big", 30)
    building("small", 8, dx=100)
    assert building_tile(client, 12).status_code == 204
    assert len(features_in(building_tile(client, 13), "buildings")) == 1
    assert len(features_in(building_tile(client, 15), "buildings")) == 2


def test_building_tile_changes_at_once_after_an_edit(db, client):
    block = building("block", 30, height=10.0)
    assert features_in(building_tile(client, 16), "buildings")[0]["properties"]["height"] == 10.0
    Building.objects.filter(pk=block.pk).update(height=33.0)
    assert features_in(building_tile(client, 16), "buildings")[0]["properties"]["height"] == 33.0
    Building.objects.all().delete()
    assert building_tile(client, 16).status_code == 204
