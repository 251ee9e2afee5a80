-- The history rows of the features an import has just written: one 'create' per feature, whose new state is
-- what layers/services/snapshots.py records for any write (tests/imports/test_import_layer.py compares them).
-- Built by PostgreSQL from the rows themselves, so no state is sent twice over the wire.
INSERT INTO layers_featurechange (feature_id, layer_id, action, user_id, at, version, old, new)
SELECT f.id,
       f.layer_id,
       %(action)s,
       %(user_id)s,
       %(at)s,
       f.version,
       NULL,
       jsonb_build_object(
           'layer_id', f.layer_id,
           'geometry', ST_AsGeoJSON(f.geometry, 15)::jsonb,
           'category', c.key,
           'title', f.title,
           'summary', f.summary,
           'properties', f.properties,
           'status', f.status,
           'author_id', f.author_id,
           'district_id', f.district_id,
           'created', %(created)s
       )
FROM layers_feature AS f
JOIN layers_category AS c ON c.id = f.category_id
WHERE f.id = ANY(%(ids)s)
ORDER BY f.id
