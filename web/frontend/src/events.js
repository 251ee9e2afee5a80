// The few events the parts of the map page send each other, on `document`, so the editor and the
// panels (legend, list, popups) never import each other.
//
//   urbanlife:features-changed  detail {layerId, featureId}  a feature was added, changed or deleted:
//                                                           tiles and the list reload
//   urbanlife:edit-feature      detail {featureId}          "edit" was chosen on a feature (popup, list)
//   urbanlife:mode              detail {mode}               "browse" or "draw": popups stay quiet while drawing

export const FEATURES_CHANGED = "urbanlife:features-changed";
export const EDIT_FEATURE = "urbanlife:edit-feature";
export const MODE = "urbanlife:mode";

export function announce(name, detail) {
  document.dispatchEvent(new CustomEvent(name, { detail }));
}

export function listen(name, handler) {
  document.addEventListener(name, (event) => handler(event.detail));
}
