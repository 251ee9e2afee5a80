-- The buildings of a study area as a scenario sees them (scenario NULL: the base stock).
-- A base building belongs to the area when a point on its surface lies inside, so no building is counted twice
-- by neighbouring areas. Overrides replace heights and floors or remove; added buildings come last.
-- Parameters: area_id, scenario_id (or NULL), storey (metres per floor where a building's floors are unknown).
WITH area AS (SELECT area FROM digital_twin_studyarea WHERE id = %(area_id)s),
base AS (
    SELECT b.* FROM digital_twin_building b, area
    WHERE b.footprint && area.area AND ST_Intersects(ST_PointOnSurface(b.footprint), area.area)
),
state AS (
    SELECT 'base:' || base.id AS key, base.id AS building_id, NULL::bigint AS added_id, base.footprint,
           COALESCE(o.height, base.height) AS height,
           COALESCE(o.floors_above, base.floors_above) AS floors_above,
           base.floors_below, base.use, base.name, base.ground_height,
           CASE WHEN o.id IS NULL THEN 'base' ELSE 'changed' END AS status,
           base.source, base.source_id, base.height_estimated AND o.id IS NULL AS height_estimated
    FROM base LEFT JOIN digital_twin_scenariooverride o
        ON o.building_id = base.id AND o.scenario_id = %(scenario_id)s
    WHERE o.removed IS NOT TRUE
    UNION ALL
    SELECT 'added:' || a.id, NULL, a.id, a.footprint, a.height, a.floors_above, a.floors_below, a.use, a.name,
           NULL, 'added', 'scenario', a.id::text, false
    FROM digital_twin_scenariobuilding a WHERE a.scenario_id = %(scenario_id)s
)
SELECT key, building_id, added_id, footprint, height, floors_above, floors_below, use, name, ground_height, status,
       source, source_id, height_estimated,
       ST_Area(footprint) * CASE WHEN floors_above > 0 THEN floors_above
                                 ELSE GREATEST(round(height / %(storey)s), 1) END AS floor_area
FROM state
