// A second click on "Register" while the first is on its way does nothing (the server also ignores repeats).
(function () {
  "use strict";
  document.querySelectorAll("form.registration-form").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("button[type=submit]").forEach(function (button) {
        setTimeout(function () { button.disabled = true; }, 0);
      });
    });
  });
})();
