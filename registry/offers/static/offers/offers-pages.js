/* Small improvements; every page works without them.
   - Text areas with a maximum length show how many characters are left.
   The filters never submit on change (an arrow key in a select would reload the page, WCAG 3.2.2): the
   Show button applies them. */
(function () {
  "use strict";
  document.querySelectorAll("form.offers-form textarea[maxlength]").forEach(function (area) {
    var counter = document.createElement("div");
    counter.className = "form-text text-end offers-counter";
    counter.setAttribute("aria-live", "polite");
    var max = parseInt(area.getAttribute("maxlength"), 10);
    var template = area.form.getAttribute("data-chars-left") || "{n}";
    function update() { counter.textContent = template.replace("{n}", String(max - area.value.length)); }
    area.insertAdjacentElement("afterend", counter);
    area.addEventListener("input", update);
    update();
  });
})();
