// One polite status line over the map (role="status" in _panels.html): "Link copied", a refused
// location, a failed refresh. Screen readers read it out; it fades from view after a while.

const SHOWN_FOR_MS = 8000;
let timer;

export function say(message) {
  const line = document.getElementById("map-panels-status");
  if (!line) return;
  line.textContent = message;
  clearTimeout(timer);
  timer = setTimeout(() => {
    line.textContent = "";
  }, SHOWN_FOR_MS);
}
