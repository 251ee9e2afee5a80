// The 3D view of a scenario: buildings extruded by height from the building tiles, the scenario's own
// buildings over them, a click for a building's attributes, and for the scenario's owner the edits —
// draw a footprint (terra-draw) with a height or floors, change a height, remove, undo. Every edit
// sends If-Match with the scenario's ETag and redraws the delta the API answers with.
/* global maplibregl, gettext */
import { TerraDraw, TerraDrawPolygonMode, TerraDrawSelectMode } from "terra-draw";
import { TerraDrawMapLibreGLAdapter } from "terra-draw-maplibre-gl-adapter";
import { showInfo } from "./info.js";
import { ADDED_LAYER, BASE_LAYER, CHANGED_LAYER, addScenarioLayers, showDelta } from "./layers.js";

const PITCH = 60;

class TwinView {
  constructor(container, context, api) {
    this.context = context;
    this.api = api;
    this.scenario = context.scenario.id;
    this.etag = null;
    this.selected = null;
    this.status = document.querySelector("[data-twin-status]");
    this.panel = document.querySelector("[data-twin-info]");
    this.map = new maplibregl.Map({
      container,
      style: context.style,
      bounds: context.extent,
      fitBoundsOptions: { padding: 40 },
      pitch: PITCH,
      attributionControl: { compact: true },
    });
    this.map.addControl(new maplibregl.NavigationControl({ visualizePitch: true }), "top-right");
    window.urbanLifeTwin = this;
    this.map.once("load", () => this.loaded());
  }

  async loaded() {
    addScenarioLayers(this.map, this.context.area);
    this.map.on("click", (event) => this.clicked(event));
    await this.refresh();
    if (this.context.canEdit) this.startEditing();
    this.map.getContainer().dataset.ready = "true";
  }

  async refresh() {
    const { data, etag } = await this.api.get(`twin/scenarios/${this.scenario}/delta`);
    this.etag = etag;
    this.delta = data;
    showDelta(this.map, data);
    this.map.getContainer().dataset.version = String(data.version);
  }

  say(text) {
    this.status.textContent = text;
  }

  async clicked(event) {
    if (this.drawing) return;
    const layers = [ADDED_LAYER, CHANGED_LAYER, BASE_LAYER].filter((id) => this.map.getLayer(id));
    const [feature] = this.map.queryRenderedFeatures(event.point, { layers });
    if (!feature) return;
    if (feature.layer.id === BASE_LAYER) {
      const { data } = await this.api.get(`twin/buildings/${feature.id}`);
      this.selected = { kind: "base", id: data.id };
      showInfo(this.panel, data, this.context.canEdit);
    } else {
      const properties = feature.properties;
      const added = properties.status === "added";
      this.selected = added ? { kind: "added", id: properties.added_id } : { kind: "base", id: properties.building_id };
      showInfo(this.panel, properties, this.context.canEdit);
    }
    this.panel.focus();
  }

  // Runs one edit with the scenario's ETag, then redraws; a 412 reloads the scenario first.
  async edit(request, done) {
    try {
      await request(this.etag);
      this.say(done);
    } catch (error) {
      this.say(error.message);
    }
    await this.refresh();
  }

  startEditing() {
    document.querySelector("[data-twin-tools]").hidden = false;
    this.draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map: this.map, coordinatePrecision: 9 }),
      modes: [new TerraDrawPolygonMode(), new TerraDrawSelectMode()],
    });
    this.draw.start();
    this.draw.setMode("select");
    this.draw.on("finish", (id) => setTimeout(() => this.drawn(id)));
    const drawButton = document.querySelector("[data-twin-draw]");
    const cancel = document.querySelector("[data-twin-cancel]");
    drawButton.addEventListener("click", () => {
      this.drawing = true;
      this.draw.setMode("polygon");
      cancel.hidden = false;
      this.say(gettext("Click the corners of the footprint on the map; click the first corner again to finish."));
    });
    cancel.addEventListener("click", () => this.stopDrawing());
    this.newForm = document.querySelector("[data-twin-new]");
    this.newForm.addEventListener("submit", (event) => this.submitNew(event));
    this.changeForm = this.panel.querySelector("[data-twin-change]");
    this.changeForm.addEventListener("submit", (event) => this.submitChange(event));
    this.panel.querySelector("[data-twin-remove]").addEventListener("click", () => this.remove());
    this.panel.querySelector("[data-twin-restore]").addEventListener("click", () => this.restore());
  }

  stopDrawing() {
    this.drawing = false;
    this.draw.setMode("select");
    this.draw.clear();
    this.footprint = null;
    this.newForm.hidden = true;
    document.querySelector("[data-twin-cancel]").hidden = true;
  }

  drawn(id) {
    this.footprint = this.draw.getSnapshotFeature(id).geometry;
    this.draw.setMode("select");
    this.newForm.hidden = false;
    this.newForm.elements.height.focus();
    this.say(gettext("Give the new building's height or floors, then add it."));
  }

  async submitNew(event) {
    event.preventDefault();
    const form = this.newForm.elements;
    const body = { footprint: this.footprint, name: form.name.value };
    if (form.height.value) body.height = Number(form.height.value);
    if (form.floors_above.value) body.floors_above = Number(form.floors_above.value);
    await this.edit(
      (etag) => this.api.post(`twin/scenarios/${this.scenario}/buildings`, body, { etag }),
      gettext("The building was added to the scenario."),
    );
    this.stopDrawing();
  }

  async submitChange(event) {
    event.preventDefault();
    const height = Number(this.changeForm.elements.height.value);
    const { kind, id } = this.selected;
    const path = kind === "added" ? `twin/scenarios/${this.scenario}/buildings/${id}` : `twin/scenarios/${this.scenario}/base/${id}`;
    const send = kind === "added" ? (etag) => this.api.patch(path, { height }, { etag }) : (etag) => this.api.put(path, { height }, { etag });
    await this.edit(send, gettext("The height was changed in this scenario."));
  }

  async remove() {
    const { kind, id } = this.selected;
    const request =
      kind === "added"
        ? (etag) => this.api.delete(`twin/scenarios/${this.scenario}/buildings/${id}`, { etag })
        : (etag) => this.api.put(`twin/scenarios/${this.scenario}/base/${id}`, { removed: true }, { etag });
    await this.edit(request, gettext("The building was removed from this scenario."));
    this.panel.hidden = true;
  }

  async restore() {
    const { id } = this.selected;
    await this.edit((etag) => this.api.delete(`twin/scenarios/${this.scenario}/base/${id}`, { etag }), gettext("The building is as it exists again."));
    this.panel.hidden = true;
  }
}

export function startTwin(container, context, api) {
  return new TwinView(container, context, api);
}
