// A tiny element builder for the panels. Strings passed as children become text nodes, so a
// title like "<img src=x onerror=alert(1)>" is shown as those characters and never parsed as HTML.

// h("a", {href: url, class: "x"}, ["text", child]) — attributes that are null, undefined or false are left out.
export function h(tag, attributes = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "class") node.className = value;
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  node.append(...children.filter((child) => child !== null && child !== undefined && child !== false));
  return node;
}

// A small coloured square beside a category name: the name is always there too, so colour is never alone.
export function swatch(color) {
  const node = h("span", { class: "map-swatch", "aria-hidden": "true" });
  node.style.backgroundColor = color;
  return node;
}
