-- One MVT layer of a map layer's features, restricted to what the requester may see.
-- Parameters (all bound, never pasted): z, x, y, layer_id, layer_name, see_all, user_id,
-- review_districts (bigint[]), categories (text[]), statuses (text[]), since, until,
-- point_grid (tile units; 0 = keep every point), min_area (tile units², polygons), buffer,
-- max_features (newest kept), title_length (characters).
WITH bounds AS (
    SELECT ST_TileEnvelope(%(z)s, %(x)s, %(y)s) AS tile,
           ST_Transform(ST_Intersection(ST_TileEnvelope(%(z)s, %(x)s, %(y)s, margin => %(buffer)s / 4096.0),
                                        ST_TileEnvelope(0, 0, 0)), 4326) AS search
),
visible AS (
    SELECT f.id, c.key AS category, left(f.title, %(title_length)s) AS title, f.status, 0 AS votes,
           floor(extract(epoch FROM f.created))::bigint AS created,
           ST_AsMVTGeom(ST_Transform(f.geometry, 3857), bounds.tile, 4096, %(buffer)s, true) AS geom
    FROM layers_feature f
    JOIN layers_category c ON c.id = f.category_id
    CROSS JOIN bounds
    WHERE f.layer_id = %(layer_id)s
      AND f.geometry && bounds.search
      AND (%(see_all)s
           OR f.status = 'published'
           OR f.author_id = %(user_id)s
           OR f.district_id = ANY(%(review_districts)s::bigint[]))
      AND (cardinality(%(categories)s::text[]) = 0 OR c.key = ANY(%(categories)s::text[]))
      AND (cardinality(%(statuses)s::text[]) = 0 OR f.status = ANY(%(statuses)s::text[]))
      AND (%(since)s::timestamptz IS NULL OR f.created >= %(since)s::timestamptz)
      AND (%(until)s::timestamptz IS NULL OR f.created < %(until)s::timestamptz)
),
thinned AS (
    SELECT DISTINCT ON (cell) id, category, title, status, votes, created, geom
    FROM (
        SELECT *,
               CASE WHEN %(point_grid)s > 0 AND GeometryType(geom) = 'POINT'
                    THEN floor(ST_X(geom) / %(point_grid)s) || ':' || floor(ST_Y(geom) / %(point_grid)s)
                    ELSE 'f' || id END AS cell
        FROM visible
        WHERE geom IS NOT NULL
          AND (GeometryType(geom) NOT IN ('POLYGON', 'MULTIPOLYGON') OR ST_Area(geom) >= %(min_area)s)
    ) AS cells
    ORDER BY cell, created DESC, id DESC
),
capped AS (
    SELECT * FROM thinned ORDER BY created DESC, id DESC LIMIT %(max_features)s
)
SELECT ST_AsMVT(capped.*, %(layer_name)s, 4096, 'geom', 'id') FROM capped;
