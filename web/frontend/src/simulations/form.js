// The launch form shows the fields of the chosen kind of simulation only (without script, all of them), and the
// fields of one's own wind rose only when it is chosen instead of Seoul's illustrative defaults.

const OWN_ROSE = "custom";

export function startForm(form) {
  const kind = form.elements.kind;
  const season = form.elements.season;
  const ownRose = form.querySelector("[data-simulation-own-rose]");
  const warning = form.querySelector("[data-simulation-illustrative]");
  const update = () => {
    for (const part of form.querySelectorAll("[data-simulation-for]")) {
      part.hidden = !part.dataset.simulationFor.split(" ").includes(kind.value);
    }
    ownRose.hidden = season.value !== OWN_ROSE;
    warning.hidden = season.value === OWN_ROSE;
  };
  kind.addEventListener("change", update);
  season.addEventListener("change", update);
  update();
}
