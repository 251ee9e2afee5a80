// The list view: the same features as the map, for the layers and categories the legend shows,
// as a list a keyboard or a screen reader can go through. Each row has the title (a link to the
// report page), category (swatch and name), status, 공감 count and date, and a "Show on map"
// button that flies there and opens the popup. Search, category, status and sort controls are in
// _panels.html; the features are read the first time the list opens and again when they change.
/* global gettext, ngettext, interpolate */
import { categoryLabel } from "../context.js";
import { h } from "./dom.js";
import { editButton, reportLink } from "./feature-actions.js";
import { LIST_CAP, fetchFeatures } from "./fetch-features.js";
import { arrange, categoryValue } from "./list-order.js";
import { STATUSES, categoryBadge, dateLabel, statusLabel, votesLabel } from "./words.js";

function countText(shown, loaded, matched) {
  if (shown === matched) return interpolate(ngettext("%s report", "%s reports", shown), [shown]);
  const text = interpolate(gettext("Showing %(shown)s of %(total)s reports"), { shown, total: matched }, true);
  if (loaded === matched) return text;
  return `${text} ${interpolate(gettext("(the list holds the first %s)"), [LIST_CAP])}`;
}

function categoryOptions(context) {
  const several = context.layers.length > 1;
  return context.layers.flatMap((layer) =>
    layer.categories.map((category) => {
      const label = categoryLabel(context, category);
      return h("option", { value: categoryValue(layer.id, category.key) }, [several ? `${layer.name}: ${label}` : label]);
    }),
  );
}

export class ListView {
  constructor(panel, { context, api, state, popups, panels }) {
    Object.assign(this, { panel, context, api, state, popups, panels });
    this.form = panel.querySelector("[data-list-filters]");
    this.items = panel.querySelector("[data-list-items]");
    this.count = panel.querySelector("[data-list-count]");
    this.features = null;
    this.form.elements.category.append(...categoryOptions(context));
    this.form.elements.status.append(...STATUSES.map((status) => h("option", { value: status }, [statusLabel(status)])));
    this.form.addEventListener("submit", (event) => event.preventDefault());
    this.form.addEventListener("input", () => this.render());
    state.addEventListener("change", () => this.render());
    panels.onOpen(panel.id, () => {
      if (!this.features && !this.loading) this.reload();
    });
  }

  // After a feature changed: read the list again if it was read before.
  refresh() {
    if (this.features || this.loading) this.reload();
  }

  async reload() {
    if (this.loading) this.loading.abort();
    const loading = new AbortController();
    this.loading = loading;
    this.panel.setAttribute("aria-busy", "true");
    if (!this.features) this.count.textContent = gettext("Loading the reports…");
    try {
      const ids = this.context.layers.map((layer) => layer.id);
      const { features, matched } = await fetchFeatures(this.api, ids, { signal: loading.signal });
      this.features = features;
      this.matched = matched;
      this.render();
    } catch (error) {
      if (error.name !== "AbortError") this.failed(error);
    } finally {
      if (this.loading === loading) {
        this.loading = null;
        this.panel.removeAttribute("aria-busy");
      }
    }
  }

  failed(error) {
    const retry = h("button", { type: "button", class: "map-list-retry" }, [gettext("Try again")]);
    retry.addEventListener("click", () => this.reload());
    this.count.replaceChildren(error.message, " ", retry);
  }

  query() {
    const { text, category, status, order } = this.form.elements;
    return { text: text.value, category: category.value, status: status.value, order: order.value };
  }

  render() {
    if (!this.features) return;
    const shown = arrange(this.features, this.query(), this.state, this.context.language);
    this.items.replaceChildren(...shown.map((feature) => this.row(feature)));
    this.count.textContent = countText(shown.length, this.features.length, this.matched);
  }

  row(feature) {
    const { properties } = feature;
    const titleId = `map-list-title-${feature.id}`;
    const link = reportLink(this.context, feature.id, [properties.title], { id: titleId, class: "map-list-title" });
    const show = h("button", { type: "button", class: "map-list-show", "aria-describedby": titleId }, [
      gettext("Show on map"),
    ]);
    show.addEventListener("click", () => this.showOnMap(feature, show));
    const meta = h("p", { class: "map-list-meta" }, [
      categoryBadge(this.context, properties.layer, properties.category),
      h("span", { class: "map-list-status" }, [statusLabel(properties.status)]),
      h("span", { class: "map-list-votes" }, [votesLabel(properties.votes)]),
      h("time", { datetime: properties.created }, [dateLabel(this.context, properties.created)]),
    ]);
    const actions = h("p", { class: "map-list-actions" }, [
      show,
      editButton(this.context, feature, { className: "map-list-edit", describedBy: titleId }),
    ]);
    return h("li", { class: "map-list-item", "data-feature-id": feature.id }, [link, meta, actions]);
  }

  // On a phone the sheet would hide the popup, so it closes; a side panel stays and the map shifts.
  showOnMap(feature, button) {
    const sheet = this.panels.isSheet;
    const panelWidth = this.panels.coveredWidth();
    if (sheet) this.panels.close({ returnFocus: false });
    const opener = sheet ? this.panels.toggleFor(this.panel.id) : button;
    this.popups.show(feature, { opener, panelWidth });
  }
}
