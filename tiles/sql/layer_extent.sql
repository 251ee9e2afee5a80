-- The extent (EPSG:3857) of a map layer's features wherever any requester may see them: every stored
-- geometry and, for features in sensitive categories, their blurred point too, which may lie outside it.
-- Parameters (bound): layer_id, blur_grid (metres).
SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)
FROM (
    SELECT ST_Extent(places.g) AS e
    FROM layers_feature f
    JOIN layers_category c ON c.id = f.category_id
    CROSS JOIN LATERAL (
        SELECT f.geom_3857 AS g
        UNION ALL
        SELECT ST_Transform(urbanlife_blurred_location(f.geometry, %(blur_grid)s), 3857) WHERE c.sensitive
    ) AS places
    WHERE f.layer_id = %(layer_id)s
) AS extent;
