// Popups on the map: a click (or tap) on a feature opens one, unless the editor is drawing; the
// list's "Show on map" opens one too. It shows the tile's properties at once, then the full
// feature from GET /api/v1/features/{id}. The popup takes focus (it is focusable), Escape or its
// close button shuts it and focus goes back to whatever opened it.
/* global gettext, maplibregl */
import { ApiError } from "../api.js";
import { FEATURES_CHANGED, MODE, announce, listen } from "../events.js";
import { anchorOf, showGeometry } from "./camera.js";
import { h } from "./dom.js";
import { fillPopup } from "./popup-content.js";

const TOLERANCE = 6;
// Narrower than the map less its column of buttons, so a popup never slides under them.
const POPUP_WIDTH = "min(320px, calc(100% - 64px))";
const FEATURE_LAYER_PREFIX = "layer-";

function layerIdOfSource(source) {
  return Number(source.slice(FEATURE_LAYER_PREFIX.length));
}

function failureMessage(error) {
  if (error instanceof ApiError && error.status === 404) return gettext("This report is no longer on the map.");
  return error.message;
}

export class FeaturePopups {
  constructor(map, context, api) {
    this.map = map;
    this.context = context;
    this.api = api;
    this.popup = null;
    this.drawing = false;
    listen(MODE, ({ mode }) => {
      this.drawing = mode === "draw";
      if (this.drawing) this.close();
    });
    map.on("click", (event) => this.clicked(event));
    map.on("mousemove", (event) => {
      map.getCanvas().style.cursor = !this.drawing && this.featureAt(event.point) ? "pointer" : "";
    });
  }

  featureLayers() {
    return this.map
      .getStyle()
      .layers.filter((layer) => layer.id.startsWith(FEATURE_LAYER_PREFIX))
      .map((layer) => layer.id);
  }

  featureAt({ x, y }) {
    const box = [
      [x - TOLERANCE, y - TOLERANCE],
      [x + TOLERANCE, y + TOLERANCE],
    ];
    return this.map.queryRenderedFeatures(box, { layers: this.featureLayers() })[0];
  }

  clicked(event) {
    if (this.drawing) return;
    const hit = this.featureAt(event.point);
    if (!hit) return;
    // The tiles carry the feature's id as the vector tile feature id, not as a property.
    const properties = { ...hit.properties, layer: layerIdOfSource(hit.source) };
    this.open({ id: hit.id, properties, loaded: false }, event.lngLat, null);
  }

  // From the list: fly to the API feature `feature` and open its popup clear of the `panelWidth`
  // pixels a side panel covers and of the map's buttons; focus returns to `opener` afterwards.
  show(feature, { opener, panelWidth }) {
    const buttons = this.map.getContainer().querySelector(".maplibregl-ctrl-top-right");
    showGeometry(this.map, feature.geometry, { left: panelWidth, right: buttons ? buttons.offsetWidth : 0 });
    const full = { id: feature.id, properties: feature.properties, loaded: true };
    this.open(full, anchorOf(feature.geometry), opener);
  }

  close() {
    if (this.popup) this.popup.remove();
  }

  open(feature, lngLat, opener) {
    const previous = this.popup;
    this.popup = null;
    if (previous) previous.remove();
    const article = h("article", { class: "feature-popup", tabindex: "-1", "data-feature-id": feature.id });
    const popup = new maplibregl.Popup({ focusAfterOpen: false, maxWidth: POPUP_WIDTH })
      .setLngLat(lngLat)
      .setDOMContent(article)
      .addTo(this.map);
    this.popup = popup;
    popup.on("close", () => {
      if (this.popup !== popup) return;
      this.popup = null;
      if (opener && opener.isConnected) opener.focus();
    });
    article.addEventListener("keydown", (event) => {
      if (event.key !== "Escape") return;
      event.stopPropagation();
      popup.remove();
    });
    this.fill(article, feature);
    article.focus({ preventScroll: true });
    if (!feature.loaded) this.load(article, feature, popup);
  }

  fill(article, feature, message) {
    fillPopup(article, this.context, this.api, feature, {
      message,
      close: () => this.close(),
      onVoted: ({ votes, voted }) => {
        Object.assign(feature.properties, { votes, voted });
        announce(FEATURES_CHANGED, { layerId: feature.properties.layer, featureId: feature.id });
      },
    });
  }

  async load(article, feature, popup) {
    try {
      const { data } = await this.api.get(`features/${feature.id}`);
      if (this.popup !== popup) return;
      this.fill(article, { id: feature.id, properties: data.properties, loaded: true });
    } catch (error) {
      if (this.popup === popup) this.fill(article, feature, failureMessage(error));
    }
  }
}
