// The results screen follows the session: every few seconds it asks for the current step and figures and
// swaps them in, without reloading the page. If the server cannot be reached it keeps what it shows
// (the header's line turns red) and tries again. Without JavaScript a <noscript> refresh reloads the page.
(function () {
  "use strict";
  var screen = document.getElementById("screen");
  if (!screen || !window.fetch) {
    return;
  }
  var url = screen.dataset.liveUrl;
  var delay = 1000 * Number(screen.dataset.refreshSeconds || 3);
  var shown = screen.innerHTML.trim();

  function refresh() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.text();
      })
      .then(function (html) {
        screen.classList.remove("is-stale");
        if (html.trim() !== shown) {
          shown = html.trim();
          screen.innerHTML = html;
        }
      })
      .catch(function () {
        screen.classList.add("is-stale");
      })
      .then(function () {
        setTimeout(refresh, delay);
      });
  }

  setTimeout(refresh, delay);
})();
