// How a feature is put into words on the panels, the same in popups and the list: its category
// (swatch and name), its review status, its 공감 count and the day it was reported.
/* global gettext, ngettext, interpolate */
import { categoryLabel, findCategory, statusLabel } from "../context.js";
import { h, swatch } from "./dom.js";

const FALLBACK_COLOR = "#7f8c8d";

// The statuses a feature can have, in the order the list's filter offers them.
export { statusLabel };

export const STATUSES = ["published", "pending", "rejected", "hidden"];


export function votesLabel(votes) {
  const count = Number(votes) || 0;
  return interpolate(ngettext("%s person agrees", "%s people agree", count), [count]);
}

export function dateLabel(context, value) {
  const date = typeof value === "number" ? new Date(value * 1000) : new Date(value);
  if (Number.isNaN(date.getTime())) return "";
  return date.toLocaleDateString(context.language === "en" ? "en" : "ko", {
    year: "numeric",
    month: "short",
    day: "numeric",
  });
}

// The category's name (in the page's language) and colour; the key itself when the layer lost it.
export function describeCategory(context, layerId, key) {
  const category = findCategory(context, layerId, key);
  return category
    ? { label: categoryLabel(context, category), color: category.color || FALLBACK_COLOR }
    : { label: key, color: FALLBACK_COLOR };
}

export function categoryBadge(context, layerId, key) {
  const { label, color } = describeCategory(context, layerId, key);
  return h("span", { class: "map-category" }, [swatch(color), label]);
}
