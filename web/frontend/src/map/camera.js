// Moves the map to a feature given as GeoJSON geometry, and finds the point its popup points at.
/* global maplibregl */

const CLOSE_ZOOM = 17;

function positions(geometry) {
  switch (geometry.type) {
    case "Point":
      return [geometry.coordinates];
    case "MultiPoint":
    case "LineString":
      return geometry.coordinates;
    case "MultiLineString":
    case "Polygon":
      return geometry.coordinates.flat();
    case "MultiPolygon":
      return geometry.coordinates.flat(2);
    case "GeometryCollection":
      return geometry.geometries.flatMap(positions);
    default:
      return [];
  }
}

function boundsOf(geometry) {
  const bounds = new maplibregl.LngLatBounds();
  positions(geometry).forEach((position) => bounds.extend(position));
  return bounds;
}

// A point on the feature: the point itself, a line's middle vertex, otherwise the centre of its bounds.
export function anchorOf(geometry) {
  if (geometry.type === "Point") return geometry.coordinates;
  if (geometry.type === "LineString") return geometry.coordinates[Math.floor(geometry.coordinates.length / 2)];
  return boundsOf(geometry).getCenter().toArray();
}

// Flies to the feature, keeping it clear of what covers the map's sides: `covered` is {left, right}
// in pixels (a side panel on the left, the zoom and locate buttons on the right).
export function showGeometry(map, geometry, covered) {
  const bounds = boundsOf(geometry);
  const [west, south, east, north] = bounds.toArray().flat();
  if (west === east && south === north) {
    const offset = [(covered.left - covered.right) / 2, 0];
    map.flyTo({ center: anchorOf(geometry), zoom: Math.max(map.getZoom(), CLOSE_ZOOM - 1), offset });
  } else {
    const padding = { top: 48, bottom: 48, left: 48 + covered.left, right: 48 + covered.right };
    map.fitBounds(bounds, { padding, maxZoom: CLOSE_ZOOM });
  }
}
