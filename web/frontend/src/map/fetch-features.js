// Reads every feature of the map's layers from the API, page by page, up to a cap so a huge layer
// cannot freeze a phone; says how many there are in all so the list can tell what it left out.

const PAGE_SIZE = 1000;
export const LIST_CAP = 2000;

// At most `room` features of one layer (one page of a single feature when there is no room left,
// only for its count) and how many the layer holds that the reader may see.
async function layerFeatures(api, layerId, room, signal) {
  const features = [];
  let offset = 0;
  for (;;) {
    const limit = Math.max(1, Math.min(PAGE_SIZE, room - features.length));
    const { data } = await api.get(`layers/${layerId}/features?limit=${limit}&offset=${offset}`, { signal });
    features.push(...data.features.slice(0, Math.max(room - features.length, 0)));
    offset += data.numberReturned;
    if (features.length >= room || data.numberReturned < limit || offset >= data.numberMatched) {
      return { features, matched: data.numberMatched };
    }
  }
}

// Resolves to {features, matched}: at most `cap` features over all `layerIds`, and how many match in all.
export async function fetchFeatures(api, layerIds, { cap = LIST_CAP, signal } = {}) {
  const features = [];
  let matched = 0;
  for (const layerId of layerIds) {
    const page = await layerFeatures(api, layerId, cap - features.length, signal);
    features.push(...page.features);
    matched += page.matched;
  }
  return { features, matched };
}
