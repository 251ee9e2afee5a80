// The map view page: draws the map's MapLibre style (served by the app) with navigation,
// locate-me and popups that show a feature's title and status as text, never as HTML.
/* global maplibregl */

function popupContent(feature) {
  const box = document.createElement("div");
  const title = document.createElement("strong");
  title.textContent = feature.properties.title;
  const status = document.createElement("p");
  status.textContent = `${feature.properties.category} · ${feature.properties.status}`;
  box.append(title, status);
  return box;
}

function showPopups(map) {
  map.on("click", (event) => {
    const [feature] = map
      .queryRenderedFeatures(event.point)
      .filter((candidate) => candidate.properties && candidate.properties.title !== undefined);
    if (feature) {
      new maplibregl.Popup().setLngLat(event.lngLat).setDOMContent(popupContent(feature)).addTo(map);
    }
  });
}

function start(container) {
  const map = new maplibregl.Map({
    container,
    style: container.dataset.styleUrl,
    attributionControl: { compact: true },
  });
  map.addControl(new maplibregl.NavigationControl(), "top-right");
  map.addControl(new maplibregl.GeolocateControl({ trackUserLocation: false }), "top-right");
  map.once("load", () => {
    container.dataset.loadedAt = String(performance.now());
  });
  showPopups(map);
  window.urbanLifeMap = map;
}

const container = document.getElementById("map");
if (container) {
  start(container);
}
