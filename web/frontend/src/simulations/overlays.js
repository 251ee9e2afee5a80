// A run's results over the 3D city: the buildings raised from the building tiles (with the scenario's own
// buildings, and without those it removes, when the run is of a scenario), and the chosen result as a MapLibre
// image source stretched over its grid's four corners, drawn under the buildings; its legend and opacity beside.
/* global maplibregl */
import { addScenarioLayers, showDelta } from "../twin/layers.js";

const OVERLAY = "simulation-overlay";
const BUILDINGS = "buildings-3d";
const PITCH = 50;

function show(map, overlay, opacity) {
  if (map.getLayer(OVERLAY)) map.removeLayer(OVERLAY);
  if (map.getSource(OVERLAY)) map.removeSource(OVERLAY);
  map.addSource(OVERLAY, { type: "image", url: overlay.image, coordinates: overlay.corners });
  const paint = { "raster-opacity": opacity, "raster-resampling": "nearest", "raster-fade-duration": 0 };
  map.addLayer({ id: OVERLAY, type: "raster", source: OVERLAY, paint }, map.getLayer(BUILDINGS) ? BUILDINGS : undefined);
  map.getContainer().dataset.overlay = overlay.layer;
}

export function showResults(container, context, api) {
  const map = new maplibregl.Map({
    container,
    style: context.style,
    bounds: context.extent,
    fitBoundsOptions: { padding: 30 },
    pitch: PITCH,
    attributionControl: { compact: true },
  });
  map.addControl(new maplibregl.NavigationControl({ visualizePitch: true }), "top-right");
  window.urbanLifeSimulation = { map };
  const overlays = context.run.overlays;
  const choice = document.querySelector("[data-simulation-layer]");
  const opacity = document.querySelector("[data-simulation-opacity]");
  const legend = document.querySelector("[data-simulation-legend]");

  map.once("load", async () => {
    addScenarioLayers(map, context.area);
    if (context.scenario) {
      const { data } = await api.get(`twin/scenarios/${context.scenario}/delta`);
      showDelta(map, data);
    }
    if (overlays.length) show(map, overlays[0], Number(opacity.value));
    choice?.addEventListener("change", () => {
      const overlay = overlays.find((candidate) => candidate.layer === choice.value);
      show(map, overlay, Number(opacity.value));
      legend.src = overlay.legend;
      legend.alt = `${legend.alt.split(":")[0]}: ${overlay.title}`;
    });
    opacity?.addEventListener("input", () => {
      if (map.getLayer(OVERLAY)) map.setPaintProperty(OVERLAY, "raster-opacity", Number(opacity.value));
    });
    container.dataset.ready = "true";
  });
}
