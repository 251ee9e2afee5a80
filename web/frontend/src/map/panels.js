// Opens and closes the panels of the control bar (legend, list, sharing): one at a time, each
// button saying whether its panel is open (aria-expanded); Escape or the close button shuts the
// panel and gives focus back to its button. The panels lie over the map: a sheet over its lower
// part on a phone, a side panel on its left on a wider screen (map-panels.css), so they are kept
// aligned with the map's box here.

// Keep in step with the @media rule of map-panels.css.
const SHEET_MEDIA = "(max-width: 719px)";

function alignWithMap(root, mapContainer) {
  const align = () => {
    const parent = root.offsetParent || document.body;
    const base = parent.getBoundingClientRect();
    const box = mapContainer.getBoundingClientRect();
    root.style.setProperty("--map-top", `${box.top - base.top}px`);
    root.style.setProperty("--map-left", `${box.left - base.left}px`);
    root.style.setProperty("--map-width", `${box.width}px`);
    root.style.setProperty("--map-height", `${box.height}px`);
  };
  const observer = new ResizeObserver(align);
  observer.observe(mapContainer);
  observer.observe(root);
  window.addEventListener("resize", align);
  align();
}

export class Panels {
  constructor(root, mapContainer) {
    this.toggles = [...root.querySelectorAll("[data-panel-toggle]")];
    this.openers = new Map();
    this.openId = null;
    this.toggles.forEach((toggle) => {
      toggle.addEventListener("click", () => this.toggle(toggle.getAttribute("aria-controls")));
      toggle.addEventListener("keydown", (event) => this.escape(event));
    });
    root.querySelectorAll("[data-panel]").forEach((panel) => {
      panel.addEventListener("keydown", (event) => this.escape(event));
      panel.querySelector("[data-panel-close]").addEventListener("click", () => this.close());
    });
    alignWithMap(root, mapContainer);
  }

  escape(event) {
    if (event.key !== "Escape" || !this.openId) return;
    event.preventDefault();
    this.close();
  }

  toggleFor(id) {
    return this.toggles.find((toggle) => toggle.getAttribute("aria-controls") === id);
  }

  toggle(id) {
    if (this.openId === id) this.close();
    else this.open(id);
  }

  // `handler` runs each time the panel `id` opens (the list loads its features the first time).
  onOpen(id, handler) {
    this.openers.set(id, handler);
  }

  open(id) {
    if (this.openId) this.close({ returnFocus: false });
    const panel = document.getElementById(id);
    panel.hidden = false;
    this.toggleFor(id).setAttribute("aria-expanded", "true");
    this.openId = id;
    panel.focus();
    const handler = this.openers.get(id);
    if (handler) handler();
  }

  close({ returnFocus = true } = {}) {
    if (!this.openId) return;
    const toggle = this.toggleFor(this.openId);
    document.getElementById(this.openId).hidden = true;
    toggle.setAttribute("aria-expanded", "false");
    this.openId = null;
    if (returnFocus) toggle.focus();
  }

  // A phone's sheet covers the map's lower part; the map is then better seen with the panel shut.
  get isSheet() {
    return window.matchMedia(SHEET_MEDIA).matches;
  }

  // How many pixels of the map's left side the open side panel covers.
  coveredWidth() {
    if (!this.openId || this.isSheet) return 0;
    return document.getElementById(this.openId).offsetWidth;
  }
}
