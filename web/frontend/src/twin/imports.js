// The import page: sends the file to the API, then follows the background job's state (stage, done of
// total) in a progress bar until it is done or says why nothing was imported.
/* global gettext, interpolate */

const POLL_MS = 700;

function describe(job) {
  if (job.status === "done") {
    const result = job.result;
    if (job.kind === "terrain") return interpolate(gettext("Terrain registered; ground height of %s buildings sampled."), [result.buildings_sampled]);
    return interpolate(gettext("Imported %s buildings: %s new, %s updated, %s heights estimated."), [result.read, result.created, result.updated, result.estimated]);
  }
  if (job.status === "failed") return job.message;
  return interpolate(gettext("%s: %s of %s"), [job.stage || gettext("queued"), job.done, job.total ?? "?"]);
}

export function startImports(form, api) {
  const progress = document.querySelector("[data-twin-progress]");
  const bar = progress.querySelector("progress");
  const status = document.querySelector("[data-twin-status]");

  async function follow(id) {
    const { data } = await api.get(`twin/imports/${id}`);
    status.textContent = describe(data);
    document.body.dataset.importStatus = data.status;
    if (data.total) bar.value = Math.round((100 * data.done) / data.total);
    else bar.removeAttribute("value");
    if (data.status === "done" || data.status === "failed") {
      progress.hidden = data.status === "failed";
      if (data.status === "done") bar.value = 100;
      return;
    }
    setTimeout(() => follow(id), POLL_MS);
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const body = new FormData(form);
    for (const [key, value] of [...body.entries()]) if (value === "") body.delete(key);
    progress.hidden = false;
    bar.removeAttribute("value");
    status.textContent = gettext("Uploading…");
    try {
      const { data } = await api.post("twin/imports", body);
      await follow(data.id);
    } catch (error) {
      progress.hidden = true;
      status.textContent = error.message;
    }
  });
}
