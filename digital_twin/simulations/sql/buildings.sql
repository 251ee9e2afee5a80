-- The buildings a simulation sees over a box: the study area as the scenario has it (scenario_state.sql; NULL: the
-- base city), and the base buildings around the area up to the edge of the box (a scenario edits only its area).
-- Parameters: those of scenario_state.sql, and x_min, y_min, x_max, y_max of the box (EPSG:5186).
-- Columns: base id, added id, footprint (WKB), height, name, use, status. Base buildings first, in id order.
WITH box AS (SELECT ST_MakeEnvelope(%(x_min)s, %(y_min)s, %(x_max)s, %(y_max)s, 5186) AS box)
SELECT building_id, added_id, ST_AsBinary(footprint), height, name, use, status
FROM ({state}) AS state, box
WHERE state.footprint && box.box
UNION ALL
SELECT b.id, NULL, ST_AsBinary(b.footprint), b.height, b.name, b.use, 'neighbour'
FROM digital_twin_building b, digital_twin_studyarea a, box
WHERE a.id = %(area_id)s AND b.footprint && box.box
  AND NOT ST_Intersects(ST_PointOnSurface(b.footprint), a.area)
ORDER BY added_id NULLS FIRST, building_id
