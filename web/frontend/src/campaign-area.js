// The area of a mapping campaign, drawn on a map (terra-draw) into the form's GeoJSON field. The field
// stays a plain text box, so the area can also be pasted, and the form works with no script at all.
/* global maplibregl, gettext */
import { TerraDraw, TerraDrawPolygonMode, TerraDrawSelectMode } from "terra-draw";
import { TerraDrawMapLibreGLAdapter } from "terra-draw-maplibre-gl-adapter";
import { readContext } from "./context.js";

function drawnArea(field) {
  try {
    const geometry = JSON.parse(field.value);
    return geometry && (geometry.type === "Polygon" || geometry.type === "MultiPolygon") ? geometry : null;
  } catch {
    return null;
  }
}

function showArea(map, geometry) {
  const data = { type: "Feature", geometry, properties: {} };
  const source = map.getSource("campaign-area");
  if (source) {
    source.setData(data);
    return;
  }
  map.addSource("campaign-area", { type: "geojson", data });
  map.addLayer({ id: "campaign-area-fill", type: "fill", source: "campaign-area", paint: { "fill-color": "#1f5fbf", "fill-opacity": 0.15 } });
  map.addLayer({ id: "campaign-area-line", type: "line", source: "campaign-area", paint: { "line-color": "#1f5fbf", "line-width": 2 } });
}

function start() {
  const context = readContext("campaign-area-context");
  const container = document.getElementById("campaign-area-map");
  if (!context || !container) return;
  const field = document.getElementById(context.field);
  const status = document.querySelector("[data-campaign-area-status]");
  const button = document.querySelector("[data-campaign-area-draw]");
  const map = new maplibregl.Map({ container, style: context.style, center: context.centre, zoom: 14, attributionControl: { compact: true } });
  map.addControl(new maplibregl.NavigationControl(), "top-right");
  if (context.extent) map.fitBounds(context.extent, { padding: 24, animate: false });
  map.once("load", () => {
    const existing = drawnArea(field);
    if (existing) showArea(map, existing);
    const draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map, coordinatePrecision: 7 }),
      modes: [new TerraDrawPolygonMode(), new TerraDrawSelectMode()],
    });
    draw.start();
    draw.setMode("select");
    draw.on("finish", (id) =>
      setTimeout(() => {
        const geometry = draw.getSnapshotFeature(id).geometry;
        field.value = JSON.stringify(geometry);
        draw.clear();
        draw.setMode("select");
        showArea(map, geometry);
        status.textContent = gettext("The area is drawn.");
      }),
    );
    button.hidden = false;
    button.addEventListener("click", () => {
      draw.clear();
      draw.setMode("polygon");
      status.textContent = gettext("Click the corners of the area on the map; click the first corner again to finish.");
    });
    container.dataset.ready = "true";
  });
}

start();
