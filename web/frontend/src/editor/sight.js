// Keeps the report's shape where the user sees it: when the form (a sheet over the lower part of a
// phone's map, a card on the right of a wider one) covers it or it is out of view, the map moves so
// the shape sits in the free part, zooming out only when it does not fit there.

const MARGIN = 24;

function positions(geometry) {
  if (geometry.type === "Point") return [geometry.coordinates];
  return geometry.type === "Polygon" ? geometry.coordinates.flat() : geometry.coordinates;
}

// The part of the map's canvas the form leaves free, in canvas pixels.
function freeArea(canvas, cover) {
  const spansWidth = cover.width >= canvas.width * 0.9;
  return spansWidth
    ? { right: canvas.width, bottom: Math.min(canvas.height, Math.max(0, cover.top - canvas.top)) }
    : { right: Math.min(canvas.width, Math.max(0, cover.left - canvas.left)), bottom: canvas.height };
}

// `cover` is the form's element (hidden: nothing covers the map); `maxZoom` caps zooming in.
export function keepInSight(map, geometry, cover, maxZoom = map.getZoom()) {
  const canvas = map.getCanvas().getBoundingClientRect();
  const free = cover.hidden
    ? { right: canvas.width, bottom: canvas.height }
    : freeArea(canvas, cover.getBoundingClientRect());
  if (free.right < 4 * MARGIN || free.bottom < 4 * MARGIN) return;
  const points = positions(geometry);
  const inSight = points.every((point) => {
    const { x, y } = map.project(point);
    return x >= MARGIN && y >= MARGIN && x <= free.right - MARGIN && y <= free.bottom - MARGIN;
  });
  if (inSight) return;
  const lngs = points.map((point) => point[0]);
  const lats = points.map((point) => point[1]);
  const bounds = [
    [Math.min(...lngs), Math.min(...lats)],
    [Math.max(...lngs), Math.max(...lats)],
  ];
  const padding = {
    top: MARGIN,
    left: MARGIN,
    right: canvas.width - free.right + MARGIN,
    bottom: canvas.height - free.bottom + MARGIN,
  };
  map.fitBounds(bounds, { padding, maxZoom, duration: 300 });
}
