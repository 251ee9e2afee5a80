"""Tile arithmetic and decoding for the tile tests."""

import gzip
import math

import mapbox_vector_tile

EXTENT = 4096


def tile_of(lon, lat, z):
    """The z/x/y of the Web Mercator tile holding lon/lat, and the point's position in it (tile units)."""
    n = 2**z
    fx = (lon + 180.0) / 360.0 * n
    lat_rad = math.radians(lat)
    fy = (1.0 - math.asinh(math.tan(lat_rad)) / math.pi) / 2.0 * n
    x, y = int(fx), int(fy)
    return (z, x, y), ((fx - x) * EXTENT, (fy - y) * EXTENT)


def decode(response):
    body = response.content
    if response.headers.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return mapbox_vector_tile.decode(body, default_options={"y_coord_down": True})


def tile_url(layer_id, z, x, y, query=""):
    return f"/tiles/layers/{layer_id}/{z}/{x}/{y}.mvt" + (f"?{query}" if query else "")


def features_in(response, layer_name):
    if response.status_code == 204:
        return []
    assert response.status_code == 200, response.content
    return decode(response).get(layer_name, {}).get("features", [])
