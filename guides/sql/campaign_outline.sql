-- A campaign's area (EWKB in EPSG:4326) in EPSG:5186 metres as SVG path data (ST_AsSVG writes y
-- downwards, as SVG does) and its bounds, for the coverage picture.
SELECT ST_AsSVG(shape.geom, 0, 1), ST_XMin(shape.geom), ST_YMin(shape.geom), ST_XMax(shape.geom), ST_YMax(shape.geom)
FROM (SELECT ST_Transform(ST_GeomFromEWKB(%s), 5186) AS geom) AS shape
