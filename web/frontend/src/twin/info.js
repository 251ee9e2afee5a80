// The panel of the building a planner clicked: its attributes and, for the scenario's owner, the edits
// that apply to it (a new height, remove, undo for a base building; a new height or delete for an added one).
/* global gettext */

const USE_LABELS = () => ({
  residential: gettext("residential"),
  commercial: gettext("commercial"),
  office: gettext("office"),
  mixed: gettext("mixed use"),
  public: gettext("public"),
  industrial: gettext("industrial"),
  other: gettext("other"),
});

function rows(building) {
  const rowsOut = [
    [gettext("Name"), building.name || "—"],
    [gettext("Height (m)"), `${building.height}${building.height_estimated ? ` (${gettext("estimated")})` : ""}`],
    [gettext("Floors above ground"), building.floors_above ?? building.floors ?? "—"],
    [gettext("Use"), USE_LABELS()[building.use] || building.use || "—"],
  ];
  if (building.ground_height !== undefined && building.ground_height !== null) {
    rowsOut.push([gettext("Ground height (m)"), building.ground_height]);
  }
  if (building.status) rowsOut.push([gettext("In this scenario"), building.status === "added" ? gettext("added") : gettext("height changed")]);
  return rowsOut;
}

export function showInfo(panel, building, canEdit) {
  const list = panel.querySelector("[data-twin-attributes]");
  list.replaceChildren();
  for (const [label, value] of rows(building)) {
    const term = document.createElement("dt");
    term.textContent = label;
    const detail = document.createElement("dd");
    detail.textContent = String(value);
    list.append(term, detail);
  }
  const form = panel.querySelector("[data-twin-change]");
  form.hidden = !canEdit;
  form.querySelector("[data-twin-restore]").hidden = building.status !== "changed";
  form.elements.height.value = building.height;
  panel.hidden = false;
}
