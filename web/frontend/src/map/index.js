// The panels around the map: the control bar (legend, list, sharing, 3D, locate-me), popups, and
// the tile and list refresh when features change. Everything the map shows is in the list too.
import { FEATURES_CHANGED, listen } from "../events.js";
import { startLegend } from "./legend.js";
import { ListView } from "./list-view.js";
import { startLocate } from "./locate.js";
import { Panels } from "./panels.js";
import { FeaturePopups } from "./popups.js";
import { startShare } from "./share.js";
import { startThreeD } from "./three-d.js";
import { refreshTiles } from "./tiles.js";
import { ViewState } from "./view-state.js";

export function startPanels(map, context, api) {
  const root = document.querySelector("[data-map-panels]");
  if (!root) return;
  const state = new ViewState();
  const panels = new Panels(root, map.getContainer());
  const popups = new FeaturePopups(map, context, api);
  const list = new ListView(document.getElementById("map-panel-list"), { context, api, state, popups, panels });
  startShare(document.getElementById("map-panel-share"), context);
  startLocate(map, document.getElementById("map-locate-help"));
  map.once("load", () => {
    startLegend(map, context, state, root.querySelector("[data-legend]"));
    startThreeD(map, root.querySelector("[data-three-d]"));
  });
  listen(FEATURES_CHANGED, () => {
    refreshTiles(map, context.map.styleUrl);
    list.refresh();
  });
}
