-- Building footprints with height, floors and use, for 2D and 3D basemaps.
-- Reads the stored Web Mercator copy and area (digital_twin/migrations/0002).
-- Parameters: z, x, y, buffer, min_footprint (m²: smaller buildings are left out at low zooms).
WITH bounds AS (
    SELECT ST_TileEnvelope(%(z)s, %(x)s, %(y)s) AS tile,
           ST_TileEnvelope(%(z)s, %(x)s, %(y)s, margin => %(buffer)s / 4096.0) AS search
),
shapes AS (
    SELECT b.id, b.height, b.floors_above AS floors, b.use,
           ST_AsMVTGeom(b.footprint_3857, bounds.tile, 4096, %(buffer)s, true) AS geom
    FROM digital_twin_building b CROSS JOIN bounds
    WHERE b.footprint_3857 && bounds.search
      AND b.footprint_area >= %(min_footprint)s
)
SELECT ST_AsMVT(ordered.*, 'buildings', 4096, 'geom', 'id')
FROM (SELECT * FROM shapes WHERE geom IS NOT NULL ORDER BY id) AS ordered;
