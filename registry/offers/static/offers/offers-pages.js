/* Small improvements; every page works without them.
   - Filters: choosing an area, kind, region or target group shows the matching offers at once.
   - Text areas with a maximum length show how many characters are left. */
(function () {
  "use strict";
  document.querySelectorAll("form.offers-filters select").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
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
