// The desk without reloads: search as you type, check in without leaving the list, live counts, QR scan.
(function () {
  "use strict";
  var form = document.querySelector(".desk-search-form");
  if (!form) return;
  var input = form.querySelector("input[name=q]");
  var results = document.getElementById("desk-results");
  var counts = document.getElementById("desk-counts");
  var timer = null;
  var latest = 0;

  // After check-in or undo the list is redrawn; focusAction names the row whose button keeps the focus.
  function refreshResults(focusAction) {
    var query = input.value.trim();
    var ticket = ++latest;
    var url = form.dataset.resultsUrl + "?q=" + encodeURIComponent(query);
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      return response.ok ? response.text() : null;
    }).then(function (html) {
      if (html === null || ticket !== latest) return;
      results.innerHTML = html;
      history.replaceState(null, "", "?q=" + encodeURIComponent(query));
      if (focusAction) {
        var row = results.querySelector('form.desk-check-in[action="' + focusAction + '"] button');
        if (row) row.focus();
      }
    });
  }

  function refreshCounts() {
    fetch(counts.dataset.countsUrl, { credentials: "same-origin" }).then(function (response) {
      return response.ok ? response.text() : null;
    }).then(function (html) { if (html !== null) counts.innerHTML = html; });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(refreshResults, 150);
  });

  results.addEventListener("submit", function (event) {
    var target = event.target;
    if (!target.classList.contains("desk-check-in")) return;
    event.preventDefault();
    var button = target.querySelector("button");
    button.disabled = true;
    fetch(target.action, { method: "POST", body: new FormData(target), credentials: "same-origin" })
      .then(function () { refreshResults(target.getAttribute("action")); refreshCounts(); })
      .catch(function () { target.submit(); });
  });

  setInterval(refreshCounts, 10000);

  // QR codes where the browser can read them (BarcodeDetector); typing the code works everywhere.
  var scanButton = form.querySelector(".desk-scan-button");
  var scanBox = document.querySelector(".desk-scan");
  if (!("BarcodeDetector" in window) || !navigator.mediaDevices) return;
  scanButton.hidden = false;
  scanButton.addEventListener("click", function () {
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    var video = scanBox.querySelector("video");
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
      scanBox.hidden = false;
      video.srcObject = stream;
      video.play();
      function stop() {
        stream.getTracks().forEach(function (track) { track.stop(); });
        scanBox.hidden = true;
      }
      function look() {
        detector.detect(video).then(function (codes) {
          if (codes.length) {
            stop();
            input.value = codes[0].rawValue;
            refreshResults();
          } else {
            requestAnimationFrame(look);
          }
        }).catch(function () { requestAnimationFrame(look); });
      }
      look();
    });
  });
})();
