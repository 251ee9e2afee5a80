// Follows a run's state from the API while it is queued or running — the progress bar and the status line —
// and reloads the page once the run has ended (succeeded, failed, cancelled or stale), so that the server shows
// its results or what went wrong.

const POLL_MS = 1000;
const RETRY_MS = 4000;
const ACTIVE = new Set(["queued", "running"]);

function describe(run) {
  const parts = [run.status_label];
  if (run.stage_label && run.state === "running") parts.push(run.stage_label);
  parts.push(`${Math.round(run.progress)}%`);
  return parts.join(" · ");
}

export function followRun(section, context, api) {
  const bar = section.querySelector("[data-simulation-bar]");
  const status = section.querySelector("[data-simulation-status]");

  async function poll() {
    let run;
    try {
      ({ data: run } = await api.get(`simulations/runs/${context.run.id}`));
    } catch (error) {
      status.textContent = error.message;
      setTimeout(poll, RETRY_MS);
      return;
    }
    bar.value = run.progress;
    status.textContent = describe(run);
    section.dataset.state = run.state;
    section.dataset.progress = String(run.progress);
    if (ACTIVE.has(run.state)) setTimeout(poll, POLL_MS);
    else window.location.reload();
  }

  if (ACTIVE.has(context.run.state)) setTimeout(poll, POLL_MS);
}
