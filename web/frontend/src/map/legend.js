// The legend: a checkbox per map layer and, under it, one per category with its colour, read from
// the style's "urbanlife:legend" metadata. Unticking a layer hides all its style layers; unticking a
// category filters it out of the layer's style layers while keeping each one's own filter (the
// geometry-type match that sends polygons, lines and points to their style layer).
import { categoryLabel } from "../context.js";
import { h, swatch } from "./dom.js";

export function legendOf(map) {
  return (map.getStyle().metadata || {})["urbanlife:legend"] || [];
}

function categoryFilter(original, keys) {
  const match = ["in", ["get", "category"], ["literal", keys]];
  return original ? ["all", original, match] : match;
}

function applyEntry(map, entry, state, originals) {
  const visibility = state.isLayerShown(entry.layer_id) ? "visible" : "none";
  const hidden = state.hiddenKeys(entry.layer_id);
  const keys = entry.categories.map((category) => category.key).filter((key) => !hidden.has(key));
  for (const id of entry.style_layers) {
    map.setLayoutProperty(id, "visibility", visibility);
    const original = originals.get(id);
    map.setFilter(id, hidden.size ? categoryFilter(original, keys) : original);
  }
}

function checkbox(attributes, onChange) {
  const input = h("input", { type: "checkbox", checked: true, ...attributes });
  input.addEventListener("change", () => onChange(input.checked));
  return input;
}

function categoryItem(context, entry, category, state) {
  const input = checkbox({ "data-legend-category": category.key }, (shown) =>
    state.setCategoryShown(entry.layer_id, category.key, shown),
  );
  return h("li", {}, [h("label", { class: "map-check" }, [input, swatch(category.color), categoryLabel(context, category)])]);
}

function layerGroup(context, entry, state) {
  const items = entry.categories.map((category) => categoryItem(context, entry, category, state));
  const list = h("ul", { class: "legend-categories" }, items);
  const layerBox = checkbox({ "data-legend-layer": entry.layer_id }, (shown) => {
    list.querySelectorAll("input").forEach((input) => {
      input.disabled = !shown;
    });
    state.setLayerShown(entry.layer_id, shown);
  });
  const title = h("label", { class: "map-check legend-layer-name" }, [layerBox, entry.name]);
  return h("fieldset", { class: "legend-layer" }, [h("legend", {}, [title]), list]);
}

// Fills `container` with the legend and keeps the map's style layers in step with `state`.
export function startLegend(map, context, state, container) {
  const legend = legendOf(map);
  const originals = new Map();
  legend.forEach((entry) => entry.style_layers.forEach((id) => originals.set(id, map.getFilter(id))));
  container.replaceChildren(...legend.map((entry) => layerGroup(context, entry, state)));
  state.addEventListener("change", ({ detail }) => {
    const entry = legend.find((candidate) => candidate.layer_id === detail.layerId);
    if (entry) applyEntry(map, entry, state, originals);
  });
}
