-- One MVT layer of a map layer's features, restricted to what the requester may see.
-- Parameters (all bound, never pasted): z, x, y, layer_id, layer_name, see_all, user_id,
-- review_districts (bigint[]), categories (text[]), statuses (text[]), since, until,
-- point_grid (tile units; 0 = keep every point), min_area (tile units², polygons), buffer,
-- max_features (newest kept), title_length (characters), blur_grid (metres), blur_reach (EPSG:3857 units).
-- Features in sensitive categories are drawn at urbanlife_blurred_location (layers/privacy.py) unless the
-- requester is their author, a reviewer of their district or sees all; a blurred point may lie up to
-- blur_reach outside its feature, so on layers with sensitive categories the search reaches that much wider.
-- Points are thinned before ST_AsMVTGeom, so a city-wide tile clips only the survivors.
WITH bounds AS (
    SELECT ST_TileEnvelope(%(z)s, %(x)s, %(y)s) AS tile,
           ST_TileEnvelope(%(z)s, %(x)s, %(y)s, margin => %(buffer)s / 4096.0) AS search
),
grid AS (
    SELECT tile, search, ST_XMin(tile) AS left_edge, ST_YMax(tile) AS top_edge,
           (ST_XMax(tile) - ST_XMin(tile)) * %(point_grid)s / 4096.0 AS cell_size,
           CASE WHEN EXISTS (SELECT 1 FROM layers_category s WHERE s.layer_id = %(layer_id)s AND s.sensitive)
                THEN ST_Expand(search, %(blur_reach)s) ELSE search END AS reach
    FROM bounds
),
visible AS (
    SELECT f.id, c.key AS category, f.title, f.status, f.vote_count AS votes, f.created, shown.g,
           CASE WHEN grid.cell_size > 0 AND GeometryType(shown.g) = 'POINT'
                THEN floor((ST_X(shown.g) - grid.left_edge) / grid.cell_size) || ':'
                     || floor((grid.top_edge - ST_Y(shown.g)) / grid.cell_size)
                ELSE 'f' || f.id END AS cell
    FROM layers_feature f
    JOIN layers_category c ON c.id = f.category_id
    CROSS JOIN grid
    CROSS JOIN LATERAL (
        SELECT CASE WHEN NOT c.sensitive
                         OR %(see_all)s
                         OR f.author_id = %(user_id)s
                         OR f.district_id = ANY(%(review_districts)s::bigint[])
                    THEN f.geom_3857
                    ELSE ST_Transform(urbanlife_blurred_location(f.geometry, %(blur_grid)s), 3857) END AS g
    ) AS shown
    WHERE f.layer_id = %(layer_id)s
      AND f.geom_3857 && grid.reach
      AND shown.g && grid.search
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
    SELECT DISTINCT ON (cell) * FROM visible ORDER BY cell, created DESC, id DESC
),
capped AS (
    SELECT * FROM thinned ORDER BY created DESC, id DESC LIMIT %(max_features)s
),
shaped AS (
    SELECT capped.id, capped.category, left(capped.title, %(title_length)s) AS title, capped.status,
           capped.votes, floor(extract(epoch FROM capped.created))::bigint AS created,
           ST_AsMVTGeom(capped.g, grid.tile, 4096, %(buffer)s, true) AS geom
    FROM capped CROSS JOIN grid
)
SELECT ST_AsMVT(kept.*, %(layer_name)s, 4096, 'geom', 'id')
FROM (
    SELECT * FROM shaped
    WHERE geom IS NOT NULL
      AND (GeometryType(geom) NOT IN ('POLYGON', 'MULTIPOLYGON') OR ST_Area(geom) >= %(min_area)s)
    ORDER BY created DESC, id DESC
) AS kept;
