// Which features the list shows and in what order: the legend's layer and category choices, then
// the list's own search, category and status filters, sorted newest, oldest, by title or by 공감.

function time(feature) {
  return Date.parse(feature.properties.created) || 0;
}

function votes(feature) {
  return Number(feature.properties.votes) || 0;
}

function comparators(language) {
  const collator = new Intl.Collator(language === "en" ? "en" : "ko", { sensitivity: "base", numeric: true });
  return {
    newest: (a, b) => time(b) - time(a),
    oldest: (a, b) => time(a) - time(b),
    title: (a, b) => collator.compare(a.properties.title, b.properties.title),
    votes: (a, b) => votes(b) - votes(a) || time(b) - time(a),
  };
}

// The key the list's category filter uses: categories of two layers may share a key.
export function categoryValue(layerId, key) {
  return `${layerId}:${key}`;
}

function matches(feature, query, state) {
  const { layer, category, status, title, summary } = feature.properties;
  if (!state.shows(layer, category)) return false;
  if (query.category && query.category !== categoryValue(layer, category)) return false;
  if (query.status && query.status !== status) return false;
  const text = query.text.trim().toLocaleLowerCase();
  return !text || `${title}\n${summary || ""}`.toLocaleLowerCase().includes(text);
}

// query: {text, category ("" or categoryValue), status ("" or a status), order (a key of comparators)}.
export function arrange(features, query, state, language) {
  const compare = comparators(language)[query.order] || comparators(language).newest;
  return features.filter((feature) => matches(feature, query, state)).sort(compare);
}
