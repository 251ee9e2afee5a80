// The sharing panel: copy the map's link, copy an <iframe> embed code of the read-only map page,
// download the map as a standalone HTML file (the link is in _panels.html). Copying uses the
// clipboard when the browser allows it, otherwise it selects the text for the reader to copy.
/* global gettext */
import { say } from "./notice.js";

// The text made safe inside a double-quoted HTML attribute.
export function escapeAttribute(text) {
  return String(text).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function embedCode(map) {
  const src = escapeAttribute(map.embedUrl);
  const title = escapeAttribute(map.title);
  return `<iframe src="${src}" width="100%" height="480" style="border:0" title="${title}" loading="lazy"></iframe>`;
}

async function copyField(field, done) {
  try {
    await navigator.clipboard.writeText(field.value);
    say(done);
  } catch {
    field.focus();
    field.select();
    say(gettext("The browser did not let the page copy. The text is selected: press Ctrl+C (⌘C on a Mac) to copy it."));
  }
}

export function startShare(panel, context) {
  const embed = panel.querySelector("[data-embed-code]");
  if (embed) embed.value = embedCode(context.map);
  panel.querySelectorAll("[data-copy]").forEach((button) => {
    const field = document.getElementById(button.dataset.copy);
    button.addEventListener("click", () => copyField(field, button.dataset.copied));
  });
}
