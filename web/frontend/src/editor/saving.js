// Sending a report to the API without ever losing it: create (POST) or replace (PUT with If-Match)
// the feature, then upload its photos one by one; delete with If-Match. When the network drops the
// form stays as it is, with "Try again" (and one automatic retry when the browser is back online);
// when someone else saved meanwhile (412) the conflict panel shows what changed and lets the user
// keep their version or take the latest; refusals (400, 403, 413, 422) are shown next to the form.
/* global gettext, interpolate */
import { ApiError, NetworkError } from "../api.js";
import { FEATURES_CHANGED, announce } from "../events.js";
import { describeChanges } from "./changes.js";

function unreachable(error) {
  return error instanceof NetworkError || (error instanceof ApiError && error.status >= 500);
}

export class Saver {
  constructor(editor) {
    this.editor = editor;
    this.api = editor.api;
    this.view = editor.view;
    this.busy = false;
    this.retryAction = null;
    this.conflict = null;
    window.addEventListener("online", () => {
      const action = this.retryAction;
      this.retryAction = null;
      if (action) this.run(action);
    });
  }

  // `action`: "save" or "delete"; `confirmed` skips the delete confirmation (conflict resolution).
  async run(action, { confirmed = false } = {}) {
    if (this.busy) return;
    if (action === "delete" && !confirmed && !window.confirm(gettext("Delete this report for good?"))) return;
    this.retryAction = null;
    this.view.hideError();
    this.view.hideConflict();
    this.busy = true;
    this.view.setBusy(true);
    try {
      if (action === "delete") await this.remove();
      else await this.save();
    } catch (error) {
      await this.failed(error, action);
    } finally {
      this.busy = false;
      this.view.setBusy(false);
    }
  }

  async save() {
    const { editor } = this;
    const geometry = editor.drawing.geometry();
    if (!geometry) {
      this.view.showError(gettext("Draw the place on the map first: a point, a line or an area."));
      return;
    }
    await this.send({ type: "Feature", geometry, properties: editor.form.values() });
    await editor.photos.uploadAll((file) => this.upload(file));
    const { report, layer } = editor;
    const feature = report.editing.original;
    const awaitsReview =
      feature.properties.status === "pending" || (report.isNew && layer.moderation === "pre-moderated");
    announce(FEATURES_CHANGED, { layerId: layer.id, featureId: feature.id });
    editor.endReport();
    this.view.saved(editor.context, { id: feature.id, title: feature.properties.title, awaitsReview });
  }

  // Creates or replaces the feature, unless this exact content was already accepted (a retry after
  // the photos failed must not add the report twice).
  async send(body) {
    const { editor } = this;
    const key = JSON.stringify(body);
    const { editing } = editor.report;
    if (editing && editing.sentKey === key) return;
    const response = editing
      ? await this.api.put(`features/${editing.id}`, body, { etag: editing.etag })
      : await this.api.post(`layers/${editor.layer.id}/features`, body);
    editor.report.editing = { id: response.data.id, etag: response.etag, original: response.data, sentKey: key };
    editor.flushDraft();
  }

  async upload(file) {
    const { editing } = this.editor.report;
    const data = new FormData();
    data.append("file", file);
    try {
      const response = await this.api.post(`features/${editing.id}/photos`, data);
      editing.etag = response.etag || editing.etag;
      editing.original.properties.photos = [...(editing.original.properties.photos || []), response.data];
      this.editor.flushDraft();
    } catch (error) {
      error.photoName = file.name;
      throw error;
    }
  }

  async remove() {
    const { editor } = this;
    const { editing } = editor.report;
    await this.api.delete(`features/${editing.id}`, { etag: editing.etag });
    announce(FEATURES_CHANGED, { layerId: editor.layer.id, featureId: editing.id });
    editor.endReport();
    this.view.say(gettext("The report was deleted."));
    this.view.status.focus();
  }

  async failed(error, action) {
    if (unreachable(error)) {
      this.retryAction = action;
      const text =
        error instanceof NetworkError
          ? gettext("Could not save: the network is not answering. Your report is kept.")
          : gettext("Could not save: the server is not answering properly. Your report is kept.");
      this.view.showError(text, { retry: true });
      return;
    }
    if (!(error instanceof ApiError)) throw error;
    if (error.isConflict && this.editor.report.editing) {
      await this.showConflict(action);
      return;
    }
    const detail = error.message;
    const text = error.photoName
      ? interpolate(
          gettext("The report is saved, but the photo “%(name)s” was not added: %(detail)s Remove it or choose another, then save again."),
          { name: error.photoName, detail },
          true,
        )
      : interpolate(gettext("Could not save: %(detail)s"), { detail }, true);
    this.view.showError(text);
  }

  // Reads the latest version and shows how it differs from the version the user started from.
  async showConflict(action) {
    const { editor } = this;
    const { editing } = editor.report;
    let latest;
    try {
      latest = await this.api.get(`features/${editing.id}`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        editor.report.editing = null;
        editor.report.isNew = true;
        editor.refresh();
        this.view.showError(
          gettext("This report was deleted by someone else meanwhile. Save to add what you typed as a new report."),
        );
        return;
      }
      await this.failed(error, action);
      return;
    }
    this.conflict = { action, feature: latest.data, etag: latest.etag };
    this.view.showConflict(describeChanges(editor.context, editing.original, latest.data), action);
  }

  // "Save my version over the latest" (or delete it anyway): the same action with the latest ETag.
  overwrite() {
    const { action, feature, etag } = this.conflict;
    this.conflict = null;
    this.editor.report.editing = { id: feature.id, etag, original: feature };
    this.run(action, { confirmed: true });
  }

  // "Discard my changes and reload the latest".
  reloadLatest() {
    const { feature, etag } = this.conflict;
    this.conflict = null;
    this.view.hideConflict();
    this.editor.loadFeature(feature, etag);
  }

  forget() {
    this.retryAction = null;
    this.conflict = null;
  }
}
