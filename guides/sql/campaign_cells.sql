-- The grid of a campaign and which of its cells hold a report.
--
-- Parameters, in order: the cell size in metres, the area (EWKB in EPSG:4326), then those of the
-- counted reports' subquery below (Django's SQL of guides.services.progress.counted_features).
-- The area is cut into square cells in EPSG:5186, aligned on the CRS origin (ST_SquareGrid), so the
-- same area always gives the same cells. A cell belongs to the grid when at least a tenth of it lies
-- in the area: slivers along the boundary, which no walk could cover (and which reprojection alone
-- creates), are left out; an area too small for any such cell keeps every cell it overlaps. A cell
-- is covered when the representative point (ST_PointOnSurface) of a counted report lies in it:
-- cell (i, j) spans [i·size, (i+1)·size) × [j·size, (j+1)·size), so a point on an edge falls in
-- exactly one cell.
WITH given AS (
    SELECT %s::double precision AS size, ST_Transform(ST_GeomFromEWKB(%s), 5186) AS area
),
pieces AS (
    SELECT cell.i, cell.j, ST_Area(ST_Intersection(cell.geom, given.area)) / (given.size * given.size) AS share
    FROM given CROSS JOIN LATERAL ST_SquareGrid(given.size, given.area) AS cell
    WHERE ST_Intersects(cell.geom, given.area)
),
grid AS (
    SELECT i, j FROM pieces
    WHERE share >= 0.1 OR (share > 0 AND NOT EXISTS (SELECT FROM pieces WHERE share >= 0.1))
),
spots AS (
    SELECT DISTINCT floor(ST_X(counted.spot) / given.size)::integer AS i,
                    floor(ST_Y(counted.spot) / given.size)::integer AS j
    FROM given, (
        SELECT ST_Transform(ST_PointOnSurface(feature.geometry), 5186) AS spot
        FROM layers_feature AS feature
        WHERE feature.id IN ({features})
    ) AS counted
)
SELECT grid.i, grid.j, spots.i IS NOT NULL AS covered
FROM grid LEFT JOIN spots USING (i, j)
ORDER BY grid.j, grid.i
