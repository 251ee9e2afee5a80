// What the reader chose to see: which map layers are on and which of their categories. The legend
// changes it; the map's style layers and the list view both follow it, so they always agree.

export class ViewState extends EventTarget {
  constructor() {
    super();
    this.hiddenLayers = new Set();
    this.hiddenCategories = new Map();
  }

  isLayerShown(layerId) {
    return !this.hiddenLayers.has(layerId);
  }

  // The category keys of a layer the reader switched off.
  hiddenKeys(layerId) {
    return this.hiddenCategories.get(layerId) || new Set();
  }

  shows(layerId, categoryKey) {
    return this.isLayerShown(layerId) && !this.hiddenKeys(layerId).has(categoryKey);
  }

  setLayerShown(layerId, shown) {
    if (shown) this.hiddenLayers.delete(layerId);
    else this.hiddenLayers.add(layerId);
    this.changed(layerId);
  }

  setCategoryShown(layerId, categoryKey, shown) {
    const keys = new Set(this.hiddenKeys(layerId));
    if (shown) keys.delete(categoryKey);
    else keys.add(categoryKey);
    this.hiddenCategories.set(layerId, keys);
    this.changed(layerId);
  }

  changed(layerId) {
    this.dispatchEvent(new CustomEvent("change", { detail: { layerId } }));
  }
}
