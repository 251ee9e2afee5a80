// The print button of a guide's printable page: shown once this script runs, it opens the print dialogue.
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
