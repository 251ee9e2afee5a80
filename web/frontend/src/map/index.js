// The panels around the map: legend toggles, list view, popups, sharing and the 3D toggle. Filled in next.
export function startPanels() {}
