// The export page's "select all" box (its inline handler is forbidden by the Content-Security-Policy).
document.addEventListener("change", (event) => {
  if (event.target.matches("input.select-toggle") && typeof onSelectToggleChange === "function") {
    onSelectToggleChange(event);
  }
});
