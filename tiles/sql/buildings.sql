-- Building footprints (EPSG:5186) with height, floors and use, for 2D and 3D basemaps.
-- Parameters: z, x, y, buffer, min_footprint (m²: smaller buildings are left out at low zooms).
WITH bounds AS (
    SELECT ST_TileEnvelope(%(z)s, %(x)s, %(y)s) AS tile,
           ST_Transform(ST_Intersection(ST_TileEnvelope(%(z)s, %(x)s, %(y)s, margin => %(buffer)s / 4096.0),
                                        ST_TileEnvelope(0, 0, 0)), 5186) AS search
),
shapes AS (
    SELECT b.id, b.height, b.floors_above AS floors, b.use,
           ST_AsMVTGeom(ST_Transform(b.footprint, 3857), bounds.tile, 4096, %(buffer)s, true) AS geom
    FROM digital_twin_building b CROSS JOIN bounds
    WHERE b.footprint && bounds.search
      AND (%(min_footprint)s = 0 OR ST_Area(b.footprint) >= %(min_footprint)s)
)
SELECT ST_AsMVT(ordered.*, 'buildings', 4096, 'geom', 'id')
FROM (SELECT * FROM shapes WHERE geom IS NOT NULL ORDER BY id) AS ordered;
