// The scenario drawn over the base buildings: its added buildings in blue and changed ones in amber,
// extruded by their height from a GeoJSON source, and the base buildings it changes or removes
// filtered out of the building tiles by their tile feature id. The study area is outlined.

export const BASE_LAYER = "buildings-3d";
export const ADDED_LAYER = "twin-added";
export const CHANGED_LAYER = "twin-changed";
const COLOURS = { added: "#1f5fbf", changed: "#f0a202" };

function extrusion(id, status) {
  return {
    id,
    type: "fill-extrusion",
    source: "twin-scenario",
    filter: ["==", ["get", "status"], status],
    paint: {
      "fill-extrusion-color": COLOURS[status],
      "fill-extrusion-height": ["get", "height"],
      "fill-extrusion-base": 0,
      "fill-extrusion-opacity": 0.9,
    },
  };
}

export function addScenarioLayers(map, area) {
  map.addSource("twin-area", { type: "geojson", data: { type: "Feature", geometry: area, properties: {} } });
  map.addLayer({ id: "twin-area", type: "line", source: "twin-area", paint: { "line-color": "#b3261e", "line-width": 2, "line-dasharray": [2, 1] } });
  map.addSource("twin-scenario", { type: "geojson", data: { type: "FeatureCollection", features: [] } });
  map.addLayer(extrusion(ADDED_LAYER, "added"));
  map.addLayer(extrusion(CHANGED_LAYER, "changed"));
}

// Shows the scenario's delta (GeoJSON with `hidden`: base ids the scenario replaces or removes).
export function showDelta(map, delta) {
  map.getSource("twin-scenario").setData({ type: "FeatureCollection", features: delta.features });
  const hidden = delta.hidden.length ? ["!", ["in", ["id"], ["literal", delta.hidden]]] : null;
  map.setFilter(BASE_LAYER, hidden);
}
