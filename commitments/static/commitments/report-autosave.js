// The group report saves itself while the leader types, and never loses what was typed:
// every change goes to this browser's localStorage at once, and to the server a moment later. When the
// server cannot be reached (Wi-Fi gone, laptop asleep), the text stays in localStorage and is sent when the
// connection comes back; a page opened later puts back text that never reached the server.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave-url]");
  if (!form || !window.fetch || !window.localStorage) {
    return;
  }
  var key = form.dataset.storageKey;
  var statusLine = form.querySelector("[data-autosave-status]");
  var versionInput = form.querySelector("input[name='report-version']");
  var csrf = form.querySelector("input[name='csrfmiddlewaretoken']").value;
  var timer = null;
  var inFlight = null; // the autosave on its way, if any
  var edits = 0; // changes made since the page loaded; a save clears storage only if none came meanwhile
  var stopped = false; // after a conflict or a refusal the leader decides, by saving the form

  function fieldValues() {
    var values = {};
    Array.prototype.forEach.call(form.elements, function (element) {
      if (!element.name || element.type === "hidden" || element.type === "submit") {
        return;
      }
      values[element.name] = element.type === "checkbox" ? element.checked : element.value;
    });
    return values;
  }

  function say(message, kind) {
    statusLine.textContent = message;
    statusLine.dataset.state = kind;
  }

  function keep() {
    localStorage.setItem(key, JSON.stringify({ version: versionInput.value, values: fieldValues() }));
  }

  function restore() {
    var stored = null;
    try {
      stored = JSON.parse(localStorage.getItem(key) || "null");
    } catch (error) {
      stored = null;
    }
    if (!stored || !stored.values) {
      return;
    }
    var current = fieldValues();
    var differs = Object.keys(stored.values).some(function (name) {
      return name in current && current[name] !== stored.values[name];
    });
    if (!differs) {
      localStorage.removeItem(key);
      return;
    }
    Object.keys(stored.values).forEach(function (name) {
      var element = form.elements.namedItem(name);
      if (element && element.type !== "hidden") {
        element.value = stored.values[name];
      }
    });
    say(form.dataset.restoredMessage, "restored");
    edits += 1;
    schedule(500);
  }

  function send() {
    timer = null;
    if (stopped) {
      return;
    }
    if (navigator.onLine === false) {
      say(form.dataset.offlineMessage, "offline");
      return;
    }
    var sentAt = edits;
    var data = new FormData(form);
    data.delete("action");
    say(form.dataset.savingMessage, "saving");
    inFlight = fetch(form.dataset.autosaveUrl, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf, Accept: "application/json" },
    })
      .then(function (response) {
        return response.json().then(function (body) {
          return { status: response.status, body: body };
        });
      })
      .then(function (answer) {
        if (answer.status === 200) {
          versionInput.value = answer.body.version;
          if (edits === sentAt) {
            localStorage.removeItem(key);
          } else {
            keep();
            schedule(1000);
          }
          say(answer.body.message, "saved");
        } else {
          if (answer.status === 409) {
            stopped = true;
          }
          say(answer.body.message, answer.body.status);
        }
      })
      .catch(function () {
        say(form.dataset.offlineMessage, "offline");
        schedule(10000);
      })
      .then(function () {
        inFlight = null;
      });
  }

  function schedule(delay) {
    if (timer) {
      clearTimeout(timer);
    }
    timer = setTimeout(send, delay);
  }

  function changed() {
    edits += 1;
    keep();
    schedule(1500);
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", function (event) {
    // The form itself now carries the text and the version; an autosave racing it would make it conflict.
    stopped = true;
    if (timer) {
      clearTimeout(timer);
    }
    keep();
    if (inFlight) {
      // An autosave on its way moves the version: send the form once its answer has set the new one.
      event.preventDefault();
      var submitter = event.submitter;
      inFlight.then(function () {
        if (submitter && form.requestSubmit) form.requestSubmit(submitter);
        else form.submit();
      });
    }
  });
  window.addEventListener("online", function () {
    if (localStorage.getItem(key)) {
      schedule(200);
    }
  });
  window.addEventListener("offline", function () {
    say(form.dataset.offlineMessage, "offline");
  });
  restore();
})();
