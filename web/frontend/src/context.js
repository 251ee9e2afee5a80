// What the server tells the map page about itself, read from the <script type="application/json"
// id="map-context"> element the template writes with Django's json_script (never parsed as HTML).
//
// {
//   map:      {id, title, kind, pageUrl, embedUrl, exportUrl, styleUrl},
//   layers:   [{id, name, description, geometry_kinds, moderation,
//               categories: [{key, label_ko, label_en, icon, color}], fields: [{key, label, type, choices, required}]}],
//   user:     {id, username} or null,
//   canAdd:   whether this user may add features (false on the embed page),
//   readOnly: true on the embed page,
//   api:      "/api/v1/",
//   csrfToken, language ("ko" | "en"), loginUrl,
//   featureUrl: "/features/0/" (replace the 0 with a feature id)
// }
/* global gettext */

export function readContext(id = "map-context") {
  const element = document.getElementById(id);
  return element ? JSON.parse(element.textContent) : null;
}

export function featureUrl(context, featureId) {
  return context.featureUrl.replace(/0\/$/, `${featureId}/`);
}

export function categoryLabel(context, category) {
  return (context.language === "en" && category.label_en) || category.label_ko;
}

export function findCategory(context, layerId, key) {
  const layer = context.layers.find((candidate) => candidate.id === layerId);
  return layer ? layer.categories.find((category) => category.key === key) : undefined;
}

// A feature's review status in words (the same labels in popups, the list and the conflict panel).
export function statusLabel(status) {
  const labels = {
    published: gettext("published"),
    pending: gettext("pending review"),
    rejected: gettext("rejected"),
    hidden: gettext("hidden"),
    referred: gettext("referred elsewhere"),
    merged: gettext("merged into another report"),
  };
  return labels[status] || status;
}

// Where the district is with a report it handles (the `handling.stage` of the API).
export function stageLabel(stage) {
  const labels = {
    received: gettext("received"),
    in_review: gettext("in review"),
    assigned: gettext("assigned"),
    in_progress: gettext("in progress"),
    resolved: gettext("resolved"),
    declined: gettext("declined"),
  };
  return labels[stage] || stage;
}
