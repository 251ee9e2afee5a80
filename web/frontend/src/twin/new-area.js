// A new study area on the scenarios page: the planner draws its outline on the map (terra-draw), names
// it and the scenario to start over it; both are created through the API, then the 3D view opens.
/* global maplibregl, gettext */
import { TerraDraw, TerraDrawPolygonMode, TerraDrawSelectMode } from "terra-draw";
import { TerraDrawMapLibreGLAdapter } from "terra-draw-maplibre-gl-adapter";

export function startNewArea(container, context, api) {
  const form = document.querySelector("[data-twin-area-form]");
  const status = document.querySelector("[data-twin-area-status]");
  const map = new maplibregl.Map({ container, style: context.style, center: context.centre, zoom: 15, attributionControl: { compact: true } });
  map.addControl(new maplibregl.NavigationControl(), "top-right");
  let outline = null;
  map.once("load", () => {
    const draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map, coordinatePrecision: 9 }),
      modes: [new TerraDrawPolygonMode(), new TerraDrawSelectMode()],
    });
    draw.start();
    draw.setMode("select");
    draw.on("finish", (id) =>
      setTimeout(() => {
        outline = draw.getSnapshotFeature(id).geometry;
        draw.setMode("select");
        status.textContent = gettext("The study area is drawn. Name it and create it.");
      }),
    );
    document.querySelector("[data-twin-area-draw]").addEventListener("click", () => {
      draw.clear();
      outline = null;
      draw.setMode("polygon");
      status.textContent = gettext("Click the corners of the study area on the map; click the first corner again to finish.");
    });
    container.dataset.ready = "true";
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!outline) {
      status.textContent = gettext("Draw the study area on the map first.");
      return;
    }
    try {
      const { data: area } = await api.post("twin/study-areas", { name: form.elements.area_name.value, area: outline });
      const { data: scenario } = await api.post("twin/scenarios", { study_area: area.id, name: form.elements.scenario_name.value });
      window.location.assign(context.scenarioUrl.replace(/0\/$/, `${scenario.id}/`));
    } catch (error) {
      status.textContent = error.message;
    }
  });
}
