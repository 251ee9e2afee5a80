// The photos of a report before they are uploaded: chosen from the gallery or taken with the camera,
// shown as previews (object URLs, released when removed), each at most 10 MB, checked here so a
// phone does not send a large file the server refuses. Uploaded one by one after the feature exists.
/* global gettext, interpolate */

export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

export class PhotoPicker {
  constructor(fieldset, { changed }) {
    this.list = fieldset.querySelector("[data-photo-list]");
    this.message = fieldset.querySelector("[data-photo-message]");
    this.changed = changed;
    this.items = [];
    for (const input of fieldset.querySelectorAll("[data-photo-input]")) {
      input.addEventListener("change", () => {
        this.add([...input.files]);
        input.value = "";
      });
    }
  }

  add(files) {
    const refused = [];
    for (const file of files) {
      if (file.type && !file.type.startsWith("image/")) {
        refused.push(interpolate(gettext("“%(name)s” is not a photo."), { name: file.name }, true));
      } else if (file.size > MAX_PHOTO_BYTES) {
        refused.push(
          interpolate(gettext("“%(name)s” is larger than 10 MB: choose a smaller photo."), { name: file.name }, true),
        );
      } else {
        this.items.push({ file, url: URL.createObjectURL(file) });
      }
    }
    this.say(refused.join(" "));
    this.render();
    this.changed();
  }

  say(text) {
    this.message.textContent = text;
    this.message.hidden = !text;
  }

  remove(item) {
    URL.revokeObjectURL(item.url);
    this.items = this.items.filter((candidate) => candidate !== item);
    this.render();
    this.changed();
  }

  clear() {
    for (const item of this.items) URL.revokeObjectURL(item.url);
    this.items = [];
    this.say("");
    this.render();
  }

  get count() {
    return this.items.length;
  }

  render() {
    this.list.replaceChildren(...this.items.map((item, index) => this.preview(item, index)));
  }

  preview(item, index) {
    const row = document.createElement("li");
    row.className = "editor-photo";
    const image = document.createElement("img");
    image.src = item.url;
    image.alt = interpolate(gettext("Photo %(number)s: %(name)s"), { number: index + 1, name: item.file.name }, true);
    const name = document.createElement("span");
    name.className = "editor-photo-name";
    name.textContent = item.file.name;
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "editor-tool";
    remove.textContent = gettext("Remove");
    const label = interpolate(gettext("Remove the photo %(name)s"), { name: item.file.name }, true);
    remove.setAttribute("aria-label", label);
    remove.addEventListener("click", () => this.remove(item));
    row.append(image, name, remove);
    return row;
  }

  // Uploads the photos in order with `upload(file)`; each one uploaded leaves the list, so after a
  // failure only the others are sent again.
  async uploadAll(upload) {
    while (this.items.length) {
      const [item] = this.items;
      await upload(item.file);
      this.remove(item);
    }
  }
}
