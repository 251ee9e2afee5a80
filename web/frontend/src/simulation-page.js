// The simulation pages: the launch form (fields of the chosen kind), and a run's page (its progress, followed
// from the API, and its results over the 3D city).
import { Api } from "./api.js";
import { readContext } from "./context.js";
import { startForm } from "./simulations/form.js";
import { showResults } from "./simulations/overlays.js";
import { followRun } from "./simulations/progress.js";

function start() {
  const form = document.querySelector("[data-simulation-form]");
  if (form) startForm(form);
  const context = readContext("simulation-context");
  if (!context) return;
  const api = new Api(context.api, context.csrfToken);
  const progress = document.querySelector("[data-simulation-progress]");
  if (progress) followRun(progress, context, api);
  const map = document.getElementById("simulation-map");
  if (map) showResults(map, context, api);
}

start();
