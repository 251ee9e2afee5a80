// The editor: draws, edits and saves features (terra-draw, the feature form, drafts). Filled in next.
export function startEditor() {}
