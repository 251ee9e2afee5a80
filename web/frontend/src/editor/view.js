// The editor's elements from web/templates/web/map/_editor.html, laid over the map, and the parts of
// them that only show state: which tools are offered, the drawing bar and crosshair, the form sheet,
// errors with "Try again", the conflict panel and the status line. Text from users goes in as text.
/* global gettext, interpolate */
import { featureUrl } from "../context.js";

const DRAW_TEXT = {
  Point: {
    hint: () =>
      gettext(
        "Tap the map where it is. With the keyboard: move the map with the arrow keys until the crosshair is on the place, then press Enter.",
      ),
    place: () => gettext("Place a point at the centre of the map"),
  },
  LineString: {
    hint: () =>
      gettext(
        "Tap the map at each point of the line, then tap the last point again to finish. With the keyboard: move the map with the arrow keys and press Enter at each point.",
      ),
    place: () => gettext("Add a line point at the centre of the map"),
  },
  Polygon: {
    hint: () =>
      gettext(
        "Tap the map at each corner of the area, then tap the last corner again to finish. With the keyboard: move the map with the arrow keys and press Enter at each corner.",
      ),
    place: () => gettext("Add a corner at the centre of the map"),
  },
};

export class EditorView {
  constructor(root, map) {
    this.root = root;
    const find = (selector) => root.querySelector(selector);
    this.layerField = find("[data-editor-layer-field]");
    this.layerSelect = find("#editor-layer");
    this.drawButtons = [...root.querySelectorAll("[data-draw]")];
    this.actions = Object.fromEntries([...root.querySelectorAll("[data-action]")].map((el) => [el.dataset.action, el]));
    this.drawbar = find("[data-editor-drawbar]");
    this.hint = find("[data-editor-hint]");
    this.crosshair = find("[data-editor-crosshair]");
    this.restored = find("[data-editor-restored]");
    this.storageFull = find("[data-editor-storage-full]");
    this.status = find("[data-editor-status]");
    this.statusText = find("[data-editor-status-text]");
    this.form = find("[data-editor-form]");
    this.shapeMissing = find("[data-editor-shape-missing]");
    this.error = find("[data-editor-error]");
    this.errorText = find("[data-editor-error-text]");
    this.conflict = find("[data-editor-conflict]");
    this.conflictChanges = find("[data-editor-conflict-changes]");
    this.photos = find("[data-editor-photos]");
    this.status.tabIndex = -1;
    // Over the map, after its canvas: Tab goes from the map to the tools, and the arrow keys that
    // move the map stay with the canvas.
    map.getCanvasContainer().after(root);
  }

  fillLayers(layers) {
    this.layerSelect.replaceChildren(...layers.map((layer) => new Option(layer.name, String(layer.id))));
    this.layerField.hidden = layers.length < 2;
  }

  // `state`: {phase, layer, hasShape, reportOpen, editing, selected, canUndo, kind, vertices}.
  render(state) {
    const drawing = state.phase === "drawing";
    this.layerSelect.disabled = drawing || state.reportOpen;
    for (const button of this.drawButtons) {
      button.hidden = drawing || state.hasShape || !state.layer.geometry_kinds.includes(button.dataset.draw);
    }
    const { actions } = this;
    actions["edit-shape"].hidden = drawing || !state.hasShape;
    actions["edit-shape"].setAttribute("aria-pressed", String(state.selected));
    actions["delete-shape"].hidden = drawing || !state.hasShape;
    actions.undo.hidden = !drawing && !state.reportOpen;
    actions.undo.disabled = !state.canUndo;
    actions.cancel.hidden = !drawing && !state.reportOpen;
    this.drawbar.hidden = !drawing;
    this.crosshair.hidden = !drawing;
    if (drawing) this.renderDrawbar(state.kind, state.vertices);
    this.form.hidden = drawing || !state.reportOpen;
    this.shapeMissing.hidden = state.hasShape;
    actions["delete-feature"].hidden = !state.editing;
  }

  renderDrawbar(kind, vertices) {
    const text = DRAW_TEXT[kind];
    const hint = text.hint();
    if (this.hint.textContent !== hint) this.hint.textContent = hint;
    this.actions.place.textContent = text.place();
    this.actions.finish.hidden = kind === "Point";
    this.actions.finish.disabled = vertices < (kind === "Polygon" ? 3 : 2);
  }

  showError(text, { retry = false } = {}) {
    this.errorText.textContent = text;
    this.actions.retry.hidden = !retry;
    this.error.hidden = false;
  }

  hideError() {
    this.error.hidden = true;
  }

  showConflict(lines, action) {
    this.conflictChanges.replaceChildren(
      ...lines.map((line) => {
        const item = document.createElement("li");
        item.textContent = line;
        return item;
      }),
    );
    this.actions.overwrite.textContent =
      action === "delete" ? gettext("Delete the latest version anyway") : gettext("Save my version over the latest");
    this.conflict.hidden = false;
    this.conflict.focus();
  }

  hideConflict() {
    this.conflict.hidden = true;
  }

  setBusy(busy) {
    this.form.setAttribute("aria-busy", String(busy));
  }

  // A line of text in the status area, e.g. "The report was deleted."
  say(text) {
    this.statusText.replaceChildren(document.createTextNode(text));
    this.status.hidden = false;
  }

  // "Saved “title”." with a link to the report's page, and whether it awaits review.
  saved(context, { id, title, awaitsReview }) {
    const line = document.createElement("p");
    line.textContent = interpolate(gettext("Saved “%(title)s”."), { title }, true);
    const link = document.createElement("a");
    link.href = featureUrl(context, id);
    link.textContent = gettext("Open the report page");
    const paragraphs = [line];
    if (awaitsReview) {
      const review = document.createElement("p");
      review.textContent = gettext("It awaits review by the district before it is shown to everyone.");
      paragraphs.push(review);
    }
    const linkLine = document.createElement("p");
    linkLine.append(link);
    paragraphs.push(linkLine);
    this.statusText.replaceChildren(...paragraphs);
    this.status.hidden = false;
    this.status.focus();
  }

  hideStatus() {
    this.status.hidden = true;
  }
}
