// The import pages: the preview map of the first features to be imported (over the map's own style),
// and the progress of a confirmed import, polled from /api/v1/imports/{id} until it ends.
/* global maplibregl, gettext, interpolate */

const POLL_MS = 1000;

function previewLayers(source) {
  return [
    { id: "import-fill", type: "fill", source, filter: ["==", ["geometry-type"], "Polygon"], paint: { "fill-color": ["get", "color"], "fill-opacity": 0.35 } },
    { id: "import-line", type: "line", source, filter: ["!=", ["geometry-type"], "Point"], paint: { "line-color": ["get", "color"], "line-width": 2 } },
    {
      id: "import-point",
      type: "circle",
      source,
      filter: ["==", ["geometry-type"], "Point"],
      paint: { "circle-color": ["get", "color"], "circle-radius": 6, "circle-stroke-color": "#ffffff", "circle-stroke-width": 2 },
    },
  ];
}

function showPreview(container, data) {
  const map = new maplibregl.Map({ container, style: data.styleUrl, attributionControl: { compact: true } });
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), "top-right");
  map.on("load", () => {
    map.addSource("import-preview", { type: "geojson", data: data.features });
    previewLayers("import-preview").forEach((layer) => map.addLayer(layer));
    if (data.bounds) map.fitBounds(data.bounds, { padding: 40, maxZoom: 16, duration: 0 });
    container.dataset.loaded = String(data.features.features.length);
  });
  window.urbanLifeImportMap = map;
}

function progressText(job) {
  if (job.state === "queued") return gettext("Waiting for the worker…");
  return interpolate(gettext("%(done)s of %(total)s rows"), { done: job.rows_done, total: job.rows_total }, true);
}

function followProgress(box) {
  const bar = box.querySelector("progress");
  const text = box.querySelector("[data-import-progress-text]");
  async function poll() {
    let job;
    try {
      const response = await fetch(box.dataset.statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      job = await response.json();
    } catch {
      setTimeout(poll, POLL_MS * 3);
      return;
    }
    bar.max = Math.max(job.rows_total, 1);
    bar.value = job.rows_done;
    text.textContent = progressText(job);
    box.dataset.state = job.state;
    if (job.state === "succeeded" || job.state === "failed") {
      window.location.reload();
    } else {
      setTimeout(poll, POLL_MS);
    }
  }
  poll();
}

function start() {
  const container = document.querySelector("[data-import-map]");
  const data = document.getElementById("import-preview");
  if (container && data && window.maplibregl) showPreview(container, JSON.parse(data.textContent));
  const progress = document.querySelector("[data-import-progress]");
  if (progress) followProgress(progress);
}

start();
