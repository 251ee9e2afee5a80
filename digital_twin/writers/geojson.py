"""GeoJSON (RFC 7946, lon/lat) of building footprints with their heights and attributes."""

import json

import shapely
from pyproj import Transformer

TO_LONLAT = Transformer.from_crs(5186, 4326, always_xy=True)


def geojson_bytes(buildings, *, name):
    features = [
        {
            "type": "Feature",
            "id": building.key,
            "properties": {"height": building.height, "ground_height": building.ground, **building.attributes},
            "geometry": shapely.geometry.mapping(
                shapely.set_precision(
                    shapely.transform(building.footprint, TO_LONLAT.transform, interleaved=False), 1e-8
                )
            ),
        }
        for building in buildings
    ]
    collection = {"type": "FeatureCollection", "name": name, "features": features}
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
