// New tiles after a change: the style names each layer's tiles by the layer's revision, so reading
// the style again gives the new tile URLs of every "layer-<id>" source, and setTiles redraws them.
/* global gettext */
import { say } from "./notice.js";

const FEATURE_SOURCE_PREFIX = "layer-";

export async function refreshTiles(map, styleUrl) {
  let style;
  try {
    const response = await fetch(styleUrl, { credentials: "same-origin", cache: "no-store" });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    style = await response.json();
  } catch {
    say(gettext("The map could not show the latest change yet. Reload the page to see it."));
    return;
  }
  for (const [id, source] of Object.entries(style.sources)) {
    const current = map.getSource(id);
    if (id.startsWith(FEATURE_SOURCE_PREFIX) && current && source.tiles) current.setTiles(source.tiles);
  }
}
