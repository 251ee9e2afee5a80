// The extra form fields a layer defines ({key, label, type: text|number|boolean|choice|date,
// choices, required}), as labelled inputs: built for a layer, read as the API's typed values
// (a number is a number, a checkbox a boolean, an empty field is left out) and filled back.
/* global gettext */

const TEXT_MAX = 2000;

function control(definition) {
  switch (definition.type) {
    case "number": {
      const input = document.createElement("input");
      input.type = "number";
      input.step = "any";
      input.inputMode = "decimal";
      return input;
    }
    case "boolean": {
      const input = document.createElement("input");
      input.type = "checkbox";
      return input;
    }
    case "date": {
      const input = document.createElement("input");
      input.type = "date";
      return input;
    }
    case "choice": {
      const select = document.createElement("select");
      select.append(new Option(gettext("(none)"), ""));
      for (const choice of definition.choices || []) select.append(new Option(choice, choice));
      return select;
    }
    default: {
      const input = document.createElement("input");
      input.type = "text";
      input.maxLength = TEXT_MAX;
      return input;
    }
  }
}

// One field: a wrapper holding its label and control; returns {element, control}.
export function buildField(definition) {
  const input = control(definition);
  input.id = `editor-field-${definition.key}`;
  input.name = `field-${definition.key}`;
  input.dataset.fieldKey = definition.key;
  const label = document.createElement("label");
  label.htmlFor = input.id;
  label.textContent = definition.label || definition.key;
  const element = document.createElement("div");
  if (definition.type === "boolean") {
    element.className = "editor-field editor-check";
    element.append(input, label);
    return { element, control: input };
  }
  if (definition.required) {
    input.required = true;
    const note = document.createElement("span");
    note.className = "editor-required";
    note.textContent = ` (${gettext("required")})`;
    label.append(note);
  }
  element.className = "editor-field";
  element.append(label, input);
  return { element, control: input };
}

// The field's value for the API, or undefined when it is empty.
export function readField(definition, input) {
  if (definition.type === "boolean") return input.checked;
  if (input.value === "") return undefined;
  if (definition.type === "number") return Number(input.value);
  return input.value;
}

export function writeField(definition, input, value) {
  if (definition.type === "boolean") {
    input.checked = value === true;
    return;
  }
  input.value = value === undefined || value === null ? "" : String(value);
}
