// The report form's own inputs: category (the layer's categories, labelled in the page's language),
// title, summary and the layer's extra fields. Reads them as the API's feature properties and fills
// them back from a feature or a draft; the browser's constraint validation guards the required ones.
import { categoryLabel } from "../context.js";
import { buildField, readField, writeField } from "./fields.js";

export class FeatureForm {
  constructor(form, context) {
    this.form = form;
    this.context = context;
    this.category = form.querySelector("#editor-category");
    this.title = form.querySelector("#editor-title");
    this.summary = form.querySelector("#editor-summary");
    this.fieldsBox = form.querySelector("[data-editor-fields]");
    this.layerName = form.querySelector("[data-editor-layer-name]");
    this.heading = form.querySelector("[data-editor-form-title]");
    this.layer = null;
    this.fields = [];
  }

  // Shows the categories and extra fields of `layer`, keeping the title and summary.
  setLayer(layer) {
    if (this.layer === layer) return;
    this.layer = layer;
    this.layerName.textContent = this.context.layers.length > 1 ? layer.name : "";
    this.category.replaceChildren(
      ...layer.categories.map((category) => new Option(categoryLabel(this.context, category), category.key)),
    );
    this.fields = (layer.fields || []).map((definition) => ({ definition, ...buildField(definition) }));
    this.fieldsBox.replaceChildren(...this.fields.map((field) => field.element));
  }

  setEditing(editing) {
    this.heading.textContent = editing ? this.heading.dataset.edit : this.heading.dataset.new;
  }

  // {category, title, summary, fields} as the API takes them.
  values() {
    const fields = {};
    for (const { definition, control } of this.fields) {
      const value = readField(definition, control);
      if (value !== undefined) fields[definition.key] = value;
    }
    return {
      category: this.category.value,
      title: this.title.value.trim(),
      summary: this.summary.value.trim(),
      fields,
    };
  }

  fill({ category, title, summary, fields }) {
    if (category && [...this.category.options].some((option) => option.value === category)) {
      this.category.value = category;
    }
    this.title.value = title || "";
    this.summary.value = summary || "";
    for (const { definition, control } of this.fields) writeField(definition, control, (fields || {})[definition.key]);
  }

  reset() {
    this.form.reset();
  }

  focusFirst() {
    this.category.focus();
  }
}
