// The editor of the map page: draws, edits and saves features (terra-draw, the report form, drafts
// in localStorage). Started by map-view.js only for users who may add to the map, never on the embed
// page; it wires the template's controls to the Editor once the map's style has loaded.
import { EDIT_FEATURE, listen } from "../events.js";
import { Editor } from "./editor.js";
import { bindKeys } from "./keyboard.js";
import { EditorView } from "./view.js";

function bindControls(editor, view) {
  const { actions } = view;
  const on = (element, handler) => element.addEventListener("click", handler);
  view.layerSelect.addEventListener("change", () => editor.setLayer(Number(view.layerSelect.value)));
  for (const button of view.drawButtons) on(button, () => editor.startDrawing(button.dataset.draw));
  on(actions["edit-shape"], () => editor.toggleShapeEditing());
  on(actions["delete-shape"], () => editor.deleteShape());
  on(actions.undo, () => editor.undo());
  on(actions.cancel, () => editor.cancel());
  on(actions.place, () => editor.drawing.placeAtCentre());
  on(actions.finish, () => editor.drawing.finishShape());
  on(actions.discard, () => editor.endReport());
  on(actions["dismiss-status"], () => view.hideStatus());
  on(actions.retry, () => editor.saver.run(editor.saver.retryAction || "save"));
  on(actions.overwrite, () => editor.saver.overwrite());
  on(actions["reload-latest"], () => editor.saver.reloadLatest());
  on(actions["delete-feature"], () => editor.saver.run("delete"));
  view.form.addEventListener("submit", (event) => {
    event.preventDefault();
    editor.saver.run("save");
  });
  view.form.addEventListener("input", () => editor.scheduleDraft());
  view.form.addEventListener("change", () => editor.scheduleDraft());
  window.addEventListener("pagehide", () => editor.flushDraft());
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") editor.flushDraft();
  });
}

export function startEditor(map, context, api) {
  const root = document.querySelector("[data-editor]");
  if (!root || !context.canAdd || context.readOnly || !context.layers.length) return;
  const view = new EditorView(root, map);
  view.fillLayers(context.layers);
  const editor = new Editor(map, context, api, view);
  map.once("load", () => {
    editor.start();
    bindControls(editor, view);
    bindKeys(editor, map);
    listen(EDIT_FEATURE, ({ featureId }) => editor.editFeature(featureId));
    editor.restoreDraft();
    root.hidden = false;
    root.dataset.ready = "true";
  });
}
