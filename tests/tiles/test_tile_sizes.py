"""No tile of the demo data exceeds 500 KB, at any zoom from 10 to 16 over the demo area."""

import math
from io import StringIO

import pytest
from django.core.management import call_command

from layers.models import Layer

LIMIT = 500 * 1024
WEST, SOUTH, EAST, NORTH = 126.955, 37.540, 127.030, 37.575  # 중구 and the demo city


def tile_range(z):
    def column(lon):
        return int((lon + 180.0) / 360.0 * 2**z)

    def row(lat):
        return int((1.0 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2.0 * 2**z)

    return [(z, x, y) for x in range(column(WEST), column(EAST) + 1) for y in range(row(NORTH), row(SOUTH) + 1)]


@pytest.mark.django_db
def test_demo_tiles_stay_under_500_kb(settings, tmp_path, client):
    settings.SHARED_DATA_DIR = tmp_path
    call_command("load_demo", stdout=StringIO())
    urls = [f"/tiles/buildings/{z}/{x}/{y}.mvt" for zoom in range(13, 17) for z, x, y in tile_range(zoom)]
    for layer in Layer.objects.all():
        urls += [f"/tiles/layers/{layer.pk}/{z}/{x}/{y}.mvt" for zoom in range(10, 17) for z, x, y in tile_range(zoom)]
    sizes = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 204), url
        sizes[url] = len(response.content)
    assert max(sizes.values()) < LIMIT, max(sizes, key=sizes.get)
    assert sum(1 for url, size in sizes.items() if "buildings" in url and size) > 10
