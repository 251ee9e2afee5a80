"""Tiles outside a source's data extent are 204 without a tile query, and the extent follows writes."""

import pytest
from django.contrib.gis.geos import Point
from django.db import connection

from layers.models import Feature
from tiles import views
from tiles.tilemath import Tile, mercator_bounds

from .helpers import features_in, tile_of, tile_url

BUSAN = (129.075, 35.18)


ENVELOPE_SQL = """
SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)
FROM ST_TileEnvelope(%s, %s, %s, margin => 64 / 4096.0) AS e
"""


def postgis_envelope(tile):
    with connection.cursor() as cursor:
        cursor.execute(ENVELOPE_SQL, [tile.z, tile.x, tile.y])
        return cursor.fetchone()


@pytest.mark.parametrize("tile", [Tile(10, 873, 396), Tile(16, 55874, 25381), Tile(22, 3575936, 1624416)])
def test_mercator_bounds_match_postgis(db, tile):
    assert mercator_bounds(tile) == pytest.approx(postgis_envelope(tile), abs=1e-6)


def test_mercator_bounds_at_the_world_edge_cover_postgis_envelope(db):
    xmin, ymin, xmax, ymax = mercator_bounds(Tile(0, 0, 0))
    pxmin, pymin, pxmax, pymax = postgis_envelope(Tile(0, 0, 0))
    assert xmin <= pxmin and ymin <= pymin and xmax >= pxmax and ymax >= pymax


def test_far_tiles_skip_the_query_and_the_extent_follows_writes(scenario, client, monkeypatch):
    calls = []
    real_run = views.run
    monkeypatch.setattr(views, "run", lambda *args: calls.append(args) or real_run(*args))
    layer = scenario["layer"]
    (z, x, y), _ = tile_of(*BUSAN, 18)
    url = tile_url(layer.pk, z, x, y)
    assert client.get(url).status_code == 204
    assert calls == []
    Feature.objects.create(
        layer=layer,
        geometry=Point(*BUSAN, srid=4326),
        category=layer.categories.first(),
        title="부산 제보",
        status="published",
    )
    titles = {f["properties"]["title"] for f in features_in(client.get(url), layer.name)}
    assert titles == {"부산 제보"}
    assert len(calls) == 1
