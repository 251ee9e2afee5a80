// The digital twin's pages: the 3D view of a scenario (with its editor), a new study area, the import page.
import { Api } from "./api.js";
import { readContext } from "./context.js";
import { startImports } from "./twin/imports.js";
import { startTwin } from "./twin/index.js";
import { startNewArea } from "./twin/new-area.js";

function start() {
  const context = readContext("twin-context");
  if (!context) return;
  const api = new Api(context.api, context.csrfToken);
  const map = document.getElementById("twin-map");
  if (map) startTwin(map, context, api);
  const areaMap = document.getElementById("twin-area-map");
  if (areaMap) startNewArea(areaMap, context, api);
  const form = document.querySelector("[data-twin-import]");
  if (form) startImports(form, api);
}

start();
