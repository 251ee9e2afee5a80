-- District boundaries ("districts") and one label point per district ("district_labels").
-- Parameters: z, x, y, buffer, simplify (metres in EPSG:3857, 0 = none).
WITH bounds AS (
    SELECT ST_TileEnvelope(%(z)s, %(x)s, %(y)s) AS tile,
           ST_Transform(ST_Intersection(ST_TileEnvelope(%(z)s, %(x)s, %(y)s, margin => %(buffer)s / 4096.0),
                                        ST_TileEnvelope(0, 0, 0)), 4326) AS search
),
shapes AS (
    SELECT d.id, d.code, d.name_ko, d.name_en,
           ST_AsMVTGeom(ST_SimplifyPreserveTopology(ST_Transform(d.boundary, 3857), %(simplify)s),
                        bounds.tile, 4096, %(buffer)s, true) AS geom
    FROM mapping_district d CROSS JOIN bounds
    WHERE d.boundary && bounds.search
),
labels AS (
    SELECT d.id, d.code, d.name_ko, d.name_en,
           ST_AsMVTGeom(ST_Transform(ST_PointOnSurface(d.boundary), 3857), bounds.tile, 4096, 0, true) AS geom
    FROM mapping_district d CROSS JOIN bounds
    WHERE ST_PointOnSurface(d.boundary) && bounds.search
)
SELECT coalesce((SELECT ST_AsMVT(shapes.*, 'districts', 4096, 'geom', 'id') FROM shapes WHERE geom IS NOT NULL), '')
    || coalesce((SELECT ST_AsMVT(labels.*, 'district_labels', 4096, 'geom', 'id') FROM labels WHERE geom IS NOT NULL), '');
