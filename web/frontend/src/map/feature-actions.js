// Where a feature leads from a popup or a list row: its report page, and "Edit" on the reader's
// own report where the editor runs (never on the embed page), which hands over to the editor
// through EDIT_FEATURE. On the embed page links open a new tab instead of replacing the frame.
/* global gettext */
import { featureUrl } from "../context.js";
import { EDIT_FEATURE, announce } from "../events.js";
import { h } from "./dom.js";

export function reportLink(context, featureId, children, attributes = {}) {
  const away = context.readOnly ? { target: "_blank", rel: "noopener" } : {};
  return h("a", { href: featureUrl(context, featureId), ...away, ...attributes }, children);
}

// `feature` is {id, properties}; `before()` runs first (a popup closes itself), if given.
export function editButton(context, feature, { className, describedBy, before } = {}) {
  if (context.readOnly || !context.canAdd || !feature.properties.mine) return null;
  const button = h("button", { type: "button", class: className, "aria-describedby": describedBy }, [gettext("Edit")]);
  button.addEventListener("click", () => {
    if (before) before();
    announce(EDIT_FEATURE, { featureId: feature.id });
  });
  return button;
}
