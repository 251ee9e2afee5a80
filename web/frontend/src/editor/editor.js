// The editor's state and its flow: idle (the tools to add a point, a line or an area), drawing (a
// shape being placed, by tap or from the keyboard at the crosshair) and report (a shape and the form,
// for a new feature or one being edited). Every change is kept as a draft; undo walks back the shape.
/* global gettext */
import { MODE, announce } from "../events.js";
import { DraftStore } from "./draft.js";
import { Drawing } from "./drawing.js";
import { FeatureForm } from "./form.js";
import { PhotoPicker } from "./photos.js";
import { Saver } from "./saving.js";
import { ShapeHistory } from "./shape-history.js";
import { keepInSight } from "./sight.js";

const DRAFT_DELAY_MS = 300;
const EDIT_ZOOM = 16; // a feature opened for editing is shown at least this close

export class Editor {
  constructor(map, context, api, view) {
    this.map = map;
    this.context = context;
    this.api = api;
    this.view = view;
    this.layer = context.layers[0];
    this.phase = "idle";
    this.kind = null;
    this.report = null; // {isNew, editing: {id, etag, original, sentKey} | null}
    this.selected = false;
    this.mode = null;
    this.history = new ShapeHistory();
    this.drafts = new DraftStore(context.map.id);
    this.draftTimer = null;
    this.form = new FeatureForm(view.form, context);
    this.photos = new PhotoPicker(view.photos, { changed: () => this.refresh() });
    this.saver = new Saver(this);
    this.drawing = new Drawing(map, {
      finished: (geometry) => this.shapeFinished(geometry),
      edited: () => this.shapeEdited(),
      changed: () => this.refresh(),
      selected: (selected) => {
        this.selected = selected;
        this.refresh();
      },
    });
    this.shape = null; // the shape's geometry as of its latest change: what undo returns to after the next
    this.form.setLayer(this.layer);
  }

  start() {
    this.drawing.start();
    this.refresh();
  }

  get hasShape() {
    return this.drawing.geometry() !== null;
  }

  setLayer(layerId) {
    this.layer = this.context.layers.find((layer) => layer.id === layerId) || this.layer;
    this.view.layerSelect.value = String(this.layer.id);
    this.form.setLayer(this.layer);
    this.refresh();
  }

  // Shows the state on screen, tells the panels whether the user draws, and keeps the draft.
  refresh() {
    const progress = this.phase === "drawing" ? this.drawing.inProgress() : null;
    this.view.render({
      phase: this.phase,
      layer: this.layer,
      hasShape: this.hasShape,
      reportOpen: this.report !== null,
      editing: Boolean(this.report && this.report.editing),
      selected: this.selected,
      canUndo: progress ? this.drawing.canUndoVertex() : this.history.canUndo,
      kind: this.kind,
      vertices: progress ? progress.vertices.length : 0,
    });
    const mode = this.phase === "idle" ? "browse" : "draw";
    if (mode !== this.mode) {
      this.mode = mode;
      announce(MODE, { mode });
    }
    this.scheduleDraft();
  }

  setPhase(phase) {
    this.phase = phase;
    this.refresh();
  }

  startDrawing(kind) {
    this.view.hideStatus();
    this.kind = kind;
    this.drawing.drawKind(kind);
    this.setPhase("drawing");
    this.map.getCanvas().focus();
  }

  // Leaves drawing; a shape not finished is dropped.
  stopDrawing() {
    this.drawing.stopDrawing();
    this.setPhase(this.report ? "report" : "idle");
  }

  shapeFinished(geometry) {
    this.history.push(this.shape);
    this.shape = geometry;
    if (!this.report) this.openReport({ isNew: true, editing: null });
    this.setPhase("report");
    keepInSight(this.map, geometry, this.view.form);
    this.form.focusFirst();
  }

  shapeEdited() {
    this.history.push(this.shape);
    this.shape = this.drawing.geometry();
    this.refresh();
  }

  deleteShape() {
    this.history.push(this.shape);
    this.showShape(null);
  }

  showShape(geometry) {
    this.drawing.setGeometry(geometry);
    this.shape = this.drawing.geometry();
    this.selected = false;
    this.refresh();
  }

  undo() {
    if (this.phase === "drawing") {
      if (this.drawing.canUndoVertex()) this.drawing.undoVertex();
      this.refresh();
      return;
    }
    if (this.history.canUndo) this.showShape(this.history.pop());
  }

  toggleShapeEditing() {
    this.drawing.setSelected(!this.selected);
  }

  openReport(report) {
    this.report = report;
    this.form.setEditing(report.editing && !report.isNew);
    this.view.hideStatus();
  }

  // Whether leaving now would lose something: a shape, text or photos not saved yet.
  hasUnsavedWork() {
    if (this.phase === "drawing" || this.photos.count > 0) return true;
    if (!this.report) return false;
    const { editing } = this.report;
    if (!editing) return true;
    const { category, title, summary, fields } = editing.original.properties;
    const saved = JSON.stringify({ category, title, summary, fields });
    return this.history.canUndo || JSON.stringify(this.form.values()) !== saved;
  }

  // "Cancel": while drawing, stop drawing; with a report open, throw it away (asking first when
  // something would be lost).
  cancel() {
    if (this.phase === "drawing") {
      this.stopDrawing();
      return;
    }
    const question = gettext("Discard this report? What you drew and typed will be lost.");
    if (this.hasUnsavedWork() && !window.confirm(question)) return;
    this.endReport();
  }

  // Back to idle with nothing drawn, nothing typed and no draft.
  endReport() {
    this.drawing.setGeometry(null);
    this.shape = null;
    this.selected = false;
    this.history.clear();
    this.photos.clear();
    this.form.reset();
    this.report = null;
    this.saver.forget();
    this.view.hideError();
    this.view.hideConflict();
    this.view.restored.hidden = true;
    this.phase = "idle";
    this.refresh();
    this.flushDraft();
  }

  // Shows an existing feature (from the API) on the map and in the form, to be edited.
  loadFeature(feature, etag) {
    this.drawing.stopDrawing();
    this.setLayer(feature.properties.layer);
    this.history.clear();
    this.photos.clear();
    this.view.hideError();
    this.openReport({ isNew: false, editing: { id: feature.id, etag, original: feature } });
    this.form.reset();
    this.form.fill(feature.properties);
    this.drawing.setGeometry(feature.geometry);
    this.shape = this.drawing.geometry();
    this.selected = false;
    this.setPhase("report");
    this.flushDraft();
  }

  // "Edit" on a feature of this map (popup, list).
  async editFeature(featureId) {
    const question = gettext("Leave the report you are working on? What you drew and typed will be lost.");
    if (this.hasUnsavedWork() && !window.confirm(question)) return;
    let response;
    try {
      response = await this.api.get(`features/${featureId}`);
    } catch (error) {
      this.view.say(error.message);
      return;
    }
    if (!this.context.layers.some((layer) => layer.id === response.data.properties.layer)) return;
    this.loadFeature(response.data, response.etag);
    keepInSight(this.map, this.drawing.geometry(), this.view.form, Math.max(this.map.getZoom(), EDIT_ZOOM));
    this.form.focusFirst();
  }

  // The draft: what a reload needs to bring the report back, or null when there is nothing to keep.
  draft() {
    const progress = this.phase === "drawing" ? this.drawing.inProgress() : null;
    const drawing = progress && progress.vertices.length ? progress : null;
    if (!this.report && !drawing) return null;
    const { map } = this;
    const { lng, lat } = map.getCenter();
    return {
      layerId: this.layer.id,
      view: { center: [lng, lat], zoom: map.getZoom(), bearing: map.getBearing(), pitch: map.getPitch() },
      geometry: this.drawing.geometry(),
      drawing,
      report: this.report,
      values: this.form.values(),
    };
  }

  scheduleDraft() {
    clearTimeout(this.draftTimer);
    this.draftTimer = setTimeout(() => this.flushDraft(), DRAFT_DELAY_MS);
  }

  flushDraft() {
    clearTimeout(this.draftTimer);
    const draft = this.draft();
    if (draft) {
      this.view.storageFull.hidden = this.drafts.save(draft);
    } else {
      this.drafts.remove();
      this.view.storageFull.hidden = true;
    }
  }

  // Brings back the report of an earlier visit, if any.
  restoreDraft() {
    const draft = this.drafts.load();
    if (!draft) return;
    if (!this.context.layers.some((layer) => layer.id === draft.layerId)) {
      this.drafts.remove();
      return;
    }
    this.setLayer(draft.layerId);
    if (draft.view) this.map.jumpTo(draft.view);
    if (draft.report) {
      this.openReport(draft.report);
      this.form.fill(draft.values || {});
    }
    this.drawing.setGeometry(draft.geometry);
    this.shape = this.drawing.geometry();
    if (draft.drawing) {
      this.kind = draft.drawing.kind;
      this.drawing.replay(draft.drawing);
      this.phase = "drawing";
    } else {
      this.phase = this.report ? "report" : "idle";
    }
    this.view.restored.hidden = false;
    this.refresh();
  }
}
