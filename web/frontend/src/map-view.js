// The map page (and its read-only embed): draws the map's MapLibre style, served by the app, then
// starts the panels (legend, list, popups, sharing, 3D) and, for those who may add, the editor.
/* global maplibregl */
import { Api } from "./api.js";
import { readContext } from "./context.js";
import { startEditor } from "./editor/index.js";
import { startPanels } from "./map/index.js";

function createMap(container, context) {
  const map = new maplibregl.Map({
    container,
    style: context.map.styleUrl,
    attributionControl: { compact: true },
  });
  map.addControl(new maplibregl.NavigationControl({ visualizePitch: true }), "top-right");
  map.once("load", () => {
    container.dataset.loadedAt = String(performance.now());
  });
  return map;
}

function start() {
  const container = document.getElementById("map");
  const context = readContext();
  if (!container || !context) return;
  const map = createMap(container, context);
  const api = new Api(context.api, context.csrfToken);
  window.urbanLifeMap = map;
  startPanels(map, context, api);
  if (context.canAdd && !context.readOnly) startEditor(map, context, api);
}

start();
