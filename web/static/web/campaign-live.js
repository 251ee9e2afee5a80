// Live progress of a running campaign: every 30 s while the page is visible, the numbers are read again
// from the API and the coverage picture is reloaded. Numbers only, so there is nothing to translate.
(() => {
  const page = document.querySelector("[data-campaign-live]");
  if (!page) return;
  const image = page.querySelector("[data-coverage-image]");
  async function refresh() {
    if (document.hidden) return;
    try {
      const response = await fetch(page.dataset.campaignLive, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      if (!response.ok) return;
      const numbers = await response.json();
      page.querySelectorAll("[data-progress]").forEach((element) => {
        const value = numbers[element.dataset.progress];
        if (value === undefined || value === null) return;
        if (element.tagName === "PROGRESS") element.value = value;
        else element.textContent = String(value);
      });
      if (image) image.src = `${image.src.split("?")[0]}?t=${Date.now()}`;
    } catch {
      // offline for a moment: the next round tries again
    }
  }
  setInterval(refresh, 30_000);
})();
