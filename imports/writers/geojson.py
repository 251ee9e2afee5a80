"""A GeoJSON FeatureCollection (RFC 7946: lon/lat, no ``crs`` member), written in chunks."""

import json

import shapely


def write_geojson(table, path, **_options):
    texts = shapely.to_geojson(table.geometries) if table.rows else []
    with open(path, "w", encoding="utf-8") as out:
        out.write('{"type":"FeatureCollection","name":' + json.dumps(table.name, ensure_ascii=False) + ',"features":[')
        for index, (row, geometry) in enumerate(zip(table.rows, texts, strict=True)):
            properties = {column: row.get(column) for column in table.columns if column != "id"}
            head = '{"type":"Feature","id":' + json.dumps(row.get("id")) + ',"geometry":'
            out.write(("," if index else "") + head + geometry)
            out.write(',"properties":' + json.dumps(properties, ensure_ascii=False, default=str) + "}")
        out.write("]}\n")
