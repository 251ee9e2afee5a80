// Undo for the report's shape: the geometries it had before each change (drawn, moved, reshaped,
// deleted), newest last. Undo goes back one step; there is no redo.

const LIMIT = 50;

export class ShapeHistory {
  constructor() {
    this.steps = [];
  }

  // Remembers `geometry` (null when there was no shape) as the state before a change.
  push(geometry) {
    this.steps.push(geometry ? structuredClone(geometry) : null);
    if (this.steps.length > LIMIT) this.steps.shift();
  }

  get canUndo() {
    return this.steps.length > 0;
  }

  // The geometry to go back to; only call when canUndo.
  pop() {
    return this.steps.pop();
  }

  clear() {
    this.steps = [];
  }
}
