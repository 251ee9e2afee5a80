// The 3D toggle: tilts the view and raises the buildings by their height (the style layers named
// in the style's "urbanlife:toggles" metadata), in place of the flat buildings drawn from the same
// source; zooms in to where buildings are drawn when the map is further out. Off again: flat.

const TILT = 60;

export function startThreeD(map, button) {
  const ids = ((map.getStyle().metadata || {})["urbanlife:toggles"] || {})["3d"] || [];
  const raised = ids.map((id) => map.getLayer(id)).filter(Boolean);
  if (!raised.length) {
    button.hidden = true;
    return;
  }
  const sources = new Set(raised.map((layer) => layer.source));
  const flat = map
    .getStyle()
    .layers.filter((layer) => sources.has(layer.source) && !ids.includes(layer.id))
    .map((layer) => layer.id);
  const minzoom = Math.max(...raised.map((layer) => layer.minzoom || 0));
  button.addEventListener("click", () => {
    const on = button.getAttribute("aria-pressed") !== "true";
    button.setAttribute("aria-pressed", String(on));
    raised.forEach((layer) => map.setLayoutProperty(layer.id, "visibility", on ? "visible" : "none"));
    flat.forEach((id) => map.setLayoutProperty(id, "visibility", on ? "none" : "visible"));
    map.easeTo({ pitch: on ? TILT : 0, zoom: on ? Math.max(map.getZoom(), minzoom) : map.getZoom() });
  });
}
