// The editor's keys: Ctrl+Z (or ⌘Z) undoes the last change of the shape, except inside a text field
// where it undoes typing; on the focused map while drawing, Enter places a point or the next vertex
// at the centre (under the crosshair) and Escape stops drawing. The arrow keys stay MapLibre's.

function isTextEntry(element) {
  if (!(element instanceof HTMLElement)) return false;
  return element.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName);
}

export function bindKeys(editor, map) {
  document.addEventListener("keydown", (event) => {
    const modifier = (event.ctrlKey || event.metaKey) && !event.shiftKey && !event.altKey;
    const undoKey = modifier && event.key.toLowerCase() === "z";
    if (!undoKey || editor.mode !== "draw" || isTextEntry(event.target)) return;
    event.preventDefault();
    editor.undo();
  });
  map.getCanvas().addEventListener("keydown", (event) => {
    if (editor.phase !== "drawing" || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "Enter") {
      event.preventDefault();
      editor.drawing.placeAtCentre();
    } else if (event.key === "Escape") {
      event.preventDefault();
      editor.stopDrawing();
    }
  });
}
