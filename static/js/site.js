// Marks that JavaScript runs, so the CSS can keep the menu open for browsers without it.
document.documentElement.classList.remove("no-js");
// A form that came back with errors: move the focus to its summary, which links to each field.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var summary = document.querySelector(".error-summary");
  if (summary) { summary.focus(); }
  // Irreversible buttons ask first; without JavaScript the confirmation page asks instead.
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); return; }
      var confirmed = form.querySelector("input[name=confirmed]");
      if (confirmed) { confirmed.value = "yes"; }
    });
  });
});
