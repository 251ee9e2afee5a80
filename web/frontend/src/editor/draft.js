// The unsaved report of one map kept in localStorage, so a reload, a crash or a dead battery never
// loses it: the shape (finished or half-drawn), the form's values, the layer, the feature being
// edited with its ETag, and the time. Photos are files and cannot be kept. A full or forbidden
// storage is reported to the caller and never breaks drawing.

const PREFIX = "urbanlife:draft:map:";
const VERSION = 1;

export class DraftStore {
  constructor(mapId) {
    this.key = `${PREFIX}${mapId}`;
  }

  load() {
    try {
      const draft = JSON.parse(localStorage.getItem(this.key));
      return draft && draft.version === VERSION ? draft : null;
    } catch {
      return null;
    }
  }

  // Returns false when the browser would not store it (QuotaExceededError, storage disabled).
  save(draft) {
    try {
      localStorage.setItem(this.key, JSON.stringify({ ...draft, version: VERSION, savedAt: new Date().toISOString() }));
      return true;
    } catch {
      return false;
    }
  }

  remove() {
    try {
      localStorage.removeItem(this.key);
    } catch {
      // Storage that cannot be read cannot hold a draft either.
    }
  }
}
