// What changed between two versions of a feature (GeoJSON from the API), in sentences a resident
// reads in the conflict panel: title, summary, category, extra fields, status, photos and whether
// the shape moved. Pure: values in, strings out (shown with textContent, never as HTML).
/* global gettext, interpolate */
import { categoryLabel, findCategory, statusLabel } from "../context.js";

const SHORT = 80;

function shorten(text) {
  const value = text || "";
  return value.length > SHORT ? `${value.slice(0, SHORT - 1)}…` : value;
}


function categoryName(context, layerId, key) {
  const category = findCategory(context, layerId, key);
  return category ? categoryLabel(context, category) : key;
}

function fieldText(value) {
  if (value === undefined || value === null || value === "") return gettext("(empty)");
  if (value === true) return gettext("yes");
  if (value === false) return gettext("no");
  return shorten(String(value));
}

// Coordinates rounded to ~1 cm, so a round trip through the database is not a move.
function shapeKey(geometry) {
  return JSON.stringify(geometry, (key, value) => (typeof value === "number" ? Math.round(value * 1e7) : value));
}

function change(what, before, after) {
  return interpolate(gettext("%(what)s: “%(before)s” → “%(after)s”"), { what, before, after }, true);
}

// The layer's extra fields whose values differ, named by their labels.
function fieldChanges(context, old, now) {
  const layer = context.layers.find((candidate) => candidate.id === now.layer);
  const labels = Object.fromEntries(((layer && layer.fields) || []).map((field) => [field.key, field.label]));
  const before = old.fields || {};
  const after = now.fields || {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys
    .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
    .map((key) => change(labels[key] || key, fieldText(before[key]), fieldText(after[key])));
}

export function describeChanges(context, before, after) {
  const old = before.properties;
  const now = after.properties;
  const lines = [];
  if (old.title !== now.title) lines.push(change(gettext("Title"), shorten(old.title), shorten(now.title)));
  if (old.summary !== now.summary) lines.push(change(gettext("Summary"), shorten(old.summary), shorten(now.summary)));
  if (old.category !== now.category) {
    const layerId = now.layer;
    const previous = categoryName(context, layerId, old.category);
    lines.push(change(gettext("Category"), previous, categoryName(context, layerId, now.category)));
  }
  lines.push(...fieldChanges(context, old, now));
  if (old.status !== now.status) {
    lines.push(change(gettext("Status"), statusLabel(old.status), statusLabel(now.status)));
  }
  if ((old.photos || []).length !== (now.photos || []).length) {
    lines.push(change(gettext("Photos"), (old.photos || []).length, (now.photos || []).length));
  }
  lines.push(
    shapeKey(before.geometry) === shapeKey(after.geometry)
      ? gettext("The shape on the map is the same.")
      : gettext("The shape on the map was moved or reshaped."),
  );
  return lines;
}
