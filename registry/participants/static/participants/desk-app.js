// The desk that keeps working offline.
//
// The roster (id, name, organisation, group, code, checked in) lives in IndexedDB and is refreshed while
// online; search, check-in, undo and walk-ins work on it without a network. Every action is queued in
// IndexedDB with an id made here and sent to the server, which applies each id once and answers what
// happened (another desk was first, the group filled up). Without this script the page is the server's
// desk, which works on its own.
(function () {
  "use strict";
  var app = document.querySelector(".desk-app");
  var form = document.querySelector(".desk-search-form");
  if (!app || !form || !window.indexedDB || !window.fetch) return;

  var S = app.dataset;
  var input = form.querySelector("input[name=q]");
  var results = document.getElementById("desk-results");
  var counts = document.getElementById("desk-counts");
  var walkIn = document.querySelector(".desk-walk-in");
  var logoutForm = document.querySelector(".desk-logout");
  var el = {
    network: app.querySelector(".desk-network"),
    pending: app.querySelector(".desk-pending"),
    refreshed: app.querySelector(".desk-refreshed"),
    version: app.querySelector(".desk-version"),
    notices: app.querySelector(".desk-notices"),
    summaryTemplate: document.querySelector("template.error-summary-template"),
  };

  // ``generation`` grows whenever the device forgets: an answer asked for before then is thrown away.
  var state = { roster: [], groups: [], meta: {}, queue: [], reachable: true, syncing: null, generation: 0 };
  var db = null;

  // --- small helpers ---------------------------------------------------------------------------------

  function format(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (_, name) { return values[name] === undefined ? "" : values[name]; });
  }

  function fold(text) {
    return (text || "").normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  }

  function bareCode(text) {
    return (text || "").replace(/[\s-]/g, "").toUpperCase();
  }

  function codeDisplay(code) {
    return code ? code.slice(0, 3) + "-" + code.slice(3) : "—";
  }

  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 0x100).toString(16).slice(1); }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-" + hex.slice(20);
  }

  function clock(iso) {
    var date = new Date(iso);
    return ("0" + date.getHours()).slice(-2) + ":" + ("0" + date.getMinutes()).slice(-2);
  }

  function node(tag, className, text) {
    var element = document.createElement(tag);
    if (className) element.className = className;
    if (text !== undefined) element.textContent = text;
    return element;
  }

  // --- IndexedDB: roster, queue, meta ------------------------------------------------------------------

  function request(idbRequest) {
    return new Promise(function (resolve, reject) {
      idbRequest.onsuccess = function () { resolve(idbRequest.result); };
      idbRequest.onerror = function () { reject(idbRequest.error); };
    });
  }

  function openDb() {
    var opening = indexedDB.open(S.dbName, 1);
    opening.onupgradeneeded = function () {
      var database = opening.result;
      database.createObjectStore("roster", { keyPath: "id" });
      database.createObjectStore("queue", { keyPath: "seq", autoIncrement: true });
      database.createObjectStore("meta", { keyPath: "key" });
    };
    return request(opening);
  }

  function store(name, mode) {
    return db.transaction(name, mode || "readonly").objectStore(name);
  }

  function done(transaction) {
    return new Promise(function (resolve, reject) {
      transaction.oncomplete = resolve;
      transaction.onerror = transaction.onabort = function () { reject(transaction.error); };
    });
  }

  // What the device stores of a person: the roster's fields (and whether a change is not sent yet).
  var STORED = ["id", "name", "organisation", "group", "code", "checked_in", "pending"];

  function stored(row) {
    var copy = {};
    STORED.forEach(function (name) { if (row[name] !== undefined) copy[name] = row[name]; });
    return copy;
  }

  function saveRoster() {
    var transaction = db.transaction(["roster", "meta"], "readwrite");
    var roster = transaction.objectStore("roster");
    roster.clear();
    state.roster.forEach(function (row) { roster.put(stored(row)); });
    transaction.objectStore("meta").put({ key: "meta", value: state.meta });
    transaction.objectStore("meta").put({ key: "groups", value: state.groups });
    return done(transaction);
  }

  function saveRow(row) {
    return request(store("roster", "readwrite").put(stored(row)));
  }

  function load() {
    return Promise.all([
      request(store("roster").getAll()),
      request(store("queue").getAll()),
      request(store("meta").get("meta")),
      request(store("meta").get("groups")),
    ]).then(function (values) {
      state.roster = values[0].map(withSearchText);
      state.queue = values[1];
      state.meta = values[2] ? values[2].value : {};
      state.groups = values[3] ? values[3].value : [];
      sortRoster();
    });
  }

  function sortRoster() {
    state.roster.sort(function (a, b) { return a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : 0; });
  }

  // The queue counts an action at once (the status line never says "all sent" while one is being saved).
  var saving = {};

  function enqueue(action) {
    state.queue.push(action);
    renderStatus();
    saving[action.id] = request(store("queue", "readwrite").add(action)).then(function (seq) {
      action.seq = seq;
      delete saving[action.id];
    });
    return saving[action.id];
  }

  function dequeue(id) {
    var action = state.queue.filter(function (item) { return item.id === id; })[0];
    if (!action) return Promise.resolve();
    state.queue = state.queue.filter(function (item) { return item.id !== id; });
    return Promise.resolve(saving[id]).then(function () {
      return request(store("queue", "readwrite").delete(action.seq));
    });
  }

  function forget(reason) {
    // Logout, a lost login or the end of the event day: nothing personal stays on the device.
    state.generation += 1;
    state.roster = [];
    state.groups = [];
    state.meta = {};
    var transaction = db.transaction(["roster", "meta"], "readwrite");
    transaction.objectStore("roster").clear();
    transaction.objectStore("meta").clear();
    if (navigator.serviceWorker && navigator.serviceWorker.controller) {
      navigator.serviceWorker.controller.postMessage("forget");
    }
    if (reason) notice(reason, "warning");
    render();
    return done(transaction);
  }

  function forgetAll() {
    state.queue = [];
    return forget().then(function () {
      db.close();
      return request(indexedDB.deleteDatabase(S.dbName)).catch(function () {});
    });
  }

  // --- the status line and notices ---------------------------------------------------------------------

  function online() {
    return navigator.onLine && state.reachable;
  }

  function renderStatus() {
    app.hidden = false;
    el.network.textContent = online() ? S.online : S.offline;
    el.network.className = "desk-network badge " + (online() ? "text-bg-success" : "text-bg-danger");
    el.pending.textContent = state.queue.length
      ? format(S.pending, { count: state.queue.length })
      : S.pendingNone;
    el.refreshed.textContent = state.meta.generatedAt
      ? format(S.refreshed, { time: clock(state.meta.generatedAt), count: state.roster.length })
      : S.refreshedNever;
  }

  function notice(text, kind) {
    var item = node("li", "alert alert-" + (kind || "info") + " py-1 px-2 mb-1", text);
    el.notices.insertBefore(item, el.notices.firstChild);
    while (el.notices.children.length > 20) el.notices.removeChild(el.notices.lastChild);
  }

  // --- search and the results list ---------------------------------------------------------------------

  function matches(query) {
    var words = fold(query).split(/\s+/).filter(Boolean).slice(0, 5);
    if (!words.length) return [];
    var code = bareCode(query);
    var byCode = state.roster.filter(function (row) { return row.code && row.code === code; });
    if (byCode.length) return byCode;
    return state.roster.filter(function (row) {
      var text = row.folded;
      return words.every(function (word) { return text.indexOf(word) !== -1 || row.code === word.toUpperCase(); });
    }).slice(0, 25);
  }

  function rowView(row) {
    var item = node("li", "list-group-item desk-row d-flex flex-wrap align-items-center gap-2" + (row.checked_in ? " is-in" : ""));
    item.dataset.id = row.id;
    var text = node("div", "flex-grow-1");
    text.appendChild(node("strong", "desk-name", row.name));
    if (row.organisation) text.appendChild(document.createTextNode(" · " + row.organisation));
    text.appendChild(node("br"));
    var small = node("span", "small");
    small.appendChild(node("span", "registration-code", codeDisplay(row.code)));
    var parts = [format(S.group, { number: row.group })];
    if (row.checked_in) parts.push(S.arrived);
    small.appendChild(document.createTextNode(" · " + parts.join(" · ")));
    if (row.pending) {
      small.appendChild(document.createTextNode(" · "));
      small.appendChild(node("span", "badge text-bg-warning desk-unsent", S.unsent));
    }
    text.appendChild(small);
    item.appendChild(text);
    if (typeof row.id === "number") {
      var button = node("button", row.checked_in ? "btn btn-outline-secondary btn-sm" : "btn btn-success", row.checked_in ? S.undo : S.checkIn);
      button.type = "button";
      button.dataset.action = row.checked_in ? "undo" : "check_in";
      item.appendChild(button);
    }
    return item;
  }

  function renderResults() {
    // Every redraw (an action, the server's answer to it, a fresh roster) keeps the focus on the row it was on.
    var focused = results.contains(document.activeElement) && document.activeElement.closest(".desk-row");
    var query = input.value.trim();
    results.textContent = "";
    if (!query) return;
    var found = matches(query);
    if (!found.length) {
      results.appendChild(node("p", "text-body-secondary", format(S.nobody, { query: query })));
      return;
    }
    var list = node("ul", "list-group desk-results");
    found.forEach(function (row) { list.appendChild(rowView(row)); });
    results.appendChild(list);
    if (focused) focusRow(focused.dataset.id);
  }

  function focusRow(id) {
    var button = results.querySelector('.desk-row[data-id="' + id + '"] button[data-action]');
    if (button) button.focus();
  }

  // The places the desk knows of, under the group chooser (the options keep their names).
  function renderPlaces() {
    if (!walkIn) return;
    var select = walkIn.querySelector("select[name=first_choice]");
    if (!select) return;
    var hint = walkIn.querySelector(".desk-places");
    if (!hint) {
      hint = node("div", "desk-places form-text");
      hint.id = "desk-places";
      hint.setAttribute("aria-live", "polite");
      select.insertAdjacentElement("afterend", hint);
      select.setAttribute("aria-describedby", ((select.getAttribute("aria-describedby") || "") + " desk-places").trim());
      select.addEventListener("change", renderPlaces);
    }
    var group = groupById(select.value);
    hint.textContent = group ? format(S.places, { free: group.free }) : "";
  }

  function groupById(id) {
    return state.groups.filter(function (group) { return String(group.id) === String(id); })[0];
  }

  function render() {
    renderStatus();
    renderResults();
    renderPlaces();
  }

  function withSearchText(row) {
    row.folded = fold(row.name + " " + (row.organisation || ""));
    row.sort = fold(row.name.split(" ").slice(-1)[0] + " " + row.name);
    return row;
  }

  // --- actions -----------------------------------------------------------------------------------------

  function checkIn(id, kind) {
    var row = state.roster.filter(function (item) { return item.id === id; })[0];
    if (!row) return;
    row.checked_in = kind === "check_in";
    row.pending = true;
    saveRow(row);
    enqueue({ id: newId(), kind: kind, participant: id, at: new Date().toISOString(), name: row.name }).then(sync);
    render();
  }

  results.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-action]");
    if (!button) return;
    var id = Number(button.closest(".desk-row").dataset.id);
    checkIn(id, button.dataset.action);
    // The list is redrawn: the focus stays on the same person's row (now its other button).
    focusRow(id);
  });

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      if (state.meta.generatedAt) {
        renderResults();
        history.replaceState(null, "", "?q=" + encodeURIComponent(input.value.trim()));
      } else {
        serverResults();
      }
    }, 120);
  });

  form.addEventListener("submit", function (event) {
    if (!state.meta.generatedAt) return;
    event.preventDefault();
    renderResults();
  });

  function serverResults() {
    // No roster on this device yet: ask the server, as the desk always did.
    var query = input.value.trim();
    fetch(form.dataset.resultsUrl + "?q=" + encodeURIComponent(query), { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (state.meta.generatedAt) return renderResults(); // the roster arrived meanwhile: it answers
        if (html !== null) results.innerHTML = html;
      })
      .catch(function () {});
  }

  function walkInData() {
    var data = {};
    new FormData(walkIn).forEach(function (value, name) {
      if (name !== "csrfmiddlewaretoken") data[name] = typeof value === "string" ? value.trim() : "";
    });
    return data;
  }

  // What the server's form would say, as a list of {field, code} (a message of the form's own, linked to the
  // field) or {text} (a message of the desk's).
  function walkInProblems(data) {
    var problems = [];
    ["first_name", "last_name", "sector", "first_choice"].forEach(function (name) {
      if (!data[name]) problems.push({ field: name, code: "required" });
    });
    if (data.email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(data.email)) problems.push({ field: "email", code: "invalid" });
    if (data.consent_data !== "on") problems.push({ field: "consent_data", code: "required" });
    var group = groupById(data.first_choice);
    if (group && group.free <= 0) problems.push({ text: S.walkInFull });
    return problems;
  }

  // A failed walk-in looks as the server's answer does (templates/_error_summary.html): the summary before
  // the form, its links to the fields, the fields marked, "Error:" first in the title and the focus on it.
  function clearWalkInErrors() {
    var prefix = el.summaryTemplate.dataset.titlePrefix;
    walkIn.parentNode.querySelectorAll(".error-summary").forEach(function (summary) { summary.remove(); });
    walkIn.querySelectorAll(".invalid-feedback").forEach(function (feedback) { feedback.remove(); });
    walkIn.querySelectorAll(".is-invalid").forEach(function (field) {
      field.classList.remove("is-invalid");
      field.removeAttribute("aria-invalid");
    });
    if (document.title.indexOf(prefix) === 0) document.title = document.title.slice(prefix.length);
  }

  function showWalkInErrors(problems) {
    clearWalkInErrors();
    if (!problems.length) return;
    var summary = el.summaryTemplate.content.querySelector(".error-summary").cloneNode(true);
    var list = summary.querySelector("ul");
    var messages = Array.prototype.slice.call(list.children);
    list.textContent = "";
    problems.forEach(function (problem) {
      if (!problem.field) return list.appendChild(node("li", "", problem.text));
      var item = messages.filter(function (li) {
        return li.dataset.field === problem.field && li.dataset.code === problem.code;
      })[0];
      if (item) list.appendChild(item);
      var field = walkIn.elements[problem.field];
      if (!field || !item) return;
      field.classList.add("is-invalid");
      field.setAttribute("aria-invalid", "true");
      var wrapper = document.getElementById("div_" + field.id) || field.parentNode;
      wrapper.appendChild(node("div", "invalid-feedback d-block", item.dataset.message));
    });
    walkIn.parentNode.insertBefore(summary, walkIn);
    document.title = el.summaryTemplate.dataset.titlePrefix + document.title;
    summary.focus();
  }

  if (walkIn && el.summaryTemplate) {
    walkIn.addEventListener("submit", function (event) {
      if (!state.meta.generatedAt) return; // no roster yet: the server's form does it
      event.preventDefault();
      var data = walkInData();
      var problems = walkInProblems(data);
      showWalkInErrors(problems);
      if (problems.length) return;
      var id = newId();
      var group = groupById(data.first_choice);
      if (group) group.free -= 1;
      var row = withSearchText({
        id: "new-" + id,
        name: data.first_name + " " + data.last_name,
        organisation: data.organisation_text,
        group: group ? group.number : "",
        code: "",
        checked_in: true,
        pending: true,
      });
      state.roster.push(row);
      sortRoster();
      saveRow(row);
      saveRoster();
      enqueue({ id: id, kind: "walk_in", data: data, at: new Date().toISOString(), name: row.name }).then(sync);
      notice(format(S.walkInQueued, { name: row.name, group: row.group }), "success");
      walkIn.reset();
      input.value = row.name;
      render();
    });
  }

  // --- talking to the server ---------------------------------------------------------------------------

  function csrfToken() {
    // The page's form token (the page is fetched afresh whenever online, and again below if refused).
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function reached(ok) {
    if (state.reachable !== ok) {
      state.reachable = ok;
      renderStatus();
    }
  }

  function refreshRoster() {
    var generation = state.generation;
    return fetch(S.rosterUrl, { credentials: "same-origin", cache: "no-store" }).then(function (response) {
      reached(true);
      if (response.status === 403) return state.meta.generatedAt ? forget(S.loginLost) : undefined;
      if (!response.ok) return;
      return response.json().then(function (roster) {
        if (generation !== state.generation) return; // forgotten meanwhile (logout, end of the day)
        if (state.queue.length) return; // the queue's changes come first; refresh once they are sent
        state.roster = roster.participants.map(withSearchText);
        sortRoster();
        state.groups = roster.groups;
        state.meta = { generatedAt: roster.generated_at, clearAfter: roster.clear_after };
        return saveRoster().then(render);
      });
    }).catch(function () { reached(false); });
  }

  function refreshCounts() {
    if (!counts) return Promise.resolve();
    return fetch(counts.dataset.countsUrl, { credentials: "same-origin" }).then(function (response) {
      reached(true);
      return response.ok ? response.text() : null;
    }).then(function (html) { if (html) counts.innerHTML = html; }).catch(function () { reached(false); });
  }

  function applyResult(result) {
    var action = state.queue.filter(function (item) { return item.id === result.id; })[0];
    var name = action ? action.name : "";
    if (action && action.kind === "walk_in") {
      state.roster = state.roster.filter(function (row) { return row.id !== "new-" + result.id; });
      request(store("roster", "readwrite").delete("new-" + result.id));
    }
    if (result.participant && state.meta.generatedAt) {
      var row = withSearchText(result.participant);
      state.roster = state.roster.filter(function (item) { return item.id !== row.id; });
      state.roster.push(row);
      sortRoster();
      saveRow(row);
      if (action && action.kind === "walk_in" && result.outcome === "applied") {
        notice(format(S.walkInSent, { name: row.name, group: row.group, code: codeDisplay(row.code) }), "success");
      }
    }
    if (result.outcome === "already") notice(result.message, "info");
    if (result.outcome === "waiting") notice(result.message, "warning");
    if (result.outcome === "refused") notice(format(S.refused, { name: name, message: result.message }), "danger");
    return dequeue(result.id);
  }

  function post(body, retried) {
    return fetch(S.syncUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
      body: body,
    }).then(function (response) {
      var json = (response.headers.get("Content-Type") || "").indexOf("application/json") === 0;
      if (response.status === 403 && !json && !retried) {
        // The page's form token is older than the login: fetch the page afresh for a new one.
        return fetch(S.page, { credentials: "same-origin", cache: "no-store" }).then(function (page) {
          return page.text();
        }).then(function (html) {
          var fresh = new DOMParser().parseFromString(html, "text/html").querySelector("input[name=csrfmiddlewaretoken]");
          var field = document.querySelector("input[name=csrfmiddlewaretoken]");
          if (fresh && field) field.value = fresh.value;
          return post(body, true);
        });
      }
      return response;
    });
  }

  function sync() {
    if (state.syncing) return state.syncing;
    if (!navigator.onLine || !state.queue.length) return Promise.resolve();
    var batch = state.queue.slice(0, 100).map(function (action) {
      return { id: action.id, kind: action.kind, participant: action.participant, data: action.data, at: action.at };
    });
    state.syncing = post(JSON.stringify({ actions: batch })).then(function (response) {
      reached(true);
      if (response.status === 403) {
        if (!state.loginLostShown) notice(S.loginLost, "danger");
        state.loginLostShown = true;
        return;
      }
      state.loginLostShown = false;
      if (!response.ok) return;
      return response.json().then(function (answer) {
        return answer.results.reduce(function (chain, result) {
          return chain.then(function () { return applyResult(result); });
        }, Promise.resolve());
      }).then(function () {
        render();
        if (state.queue.length) return syncRest();
        return Promise.all([refreshRoster(), refreshCounts()]);
      });
    }).catch(function () { reached(false); }).then(function () {
      state.syncing = null;
      renderStatus();
    });
    return state.syncing;
  }

  function syncRest() {
    state.syncing = null;
    return sync();
  }

  function endOfDay() {
    if (state.meta.clearAfter && Date.now() >= new Date(state.meta.clearAfter).getTime()) {
      return (online() ? sync() : Promise.resolve()).then(function () { return forget(S.dayOver); });
    }
    return Promise.resolve();
  }

  function tick() {
    endOfDay().then(function () {
      if (!navigator.onLine) return renderStatus();
      return sync().then(function () {
        if (!state.queue.length) return Promise.all([refreshRoster(), refreshCounts()]);
      });
    });
  }

  window.addEventListener("online", function () { state.reachable = true; renderStatus(); tick(); });
  window.addEventListener("offline", renderStatus);

  if (logoutForm) {
    logoutForm.addEventListener("submit", function (event) {
      if (logoutForm.dataset.ready === "1") return;
      event.preventDefault();
      var go = function () {
        forgetAll().then(function () {
          logoutForm.dataset.ready = "1";
          logoutForm.submit();
        });
      };
      if (!state.queue.length) return go();
      if (!navigator.onLine) {
        if (logoutForm.dataset.warned === "1") return go();
        logoutForm.dataset.warned = "1";
        return notice(format(S.logoutUnsent, { count: state.queue.length }), "danger");
      }
      sync().then(function () {
        if (state.queue.length && logoutForm.dataset.warned !== "1") {
          logoutForm.dataset.warned = "1";
          return notice(format(S.logoutUnsent, { count: state.queue.length }), "danger");
        }
        go();
      });
    });
  }

  // --- the service worker: install, version, updates ----------------------------------------------------

  function showVersion(version) {
    var previous = el.version.dataset.version;
    el.version.dataset.version = version;
    el.version.textContent = format(S.version, { version: version });
    if (previous && previous !== version) notice(S.updated, "info");
  }

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.addEventListener("message", function (event) {
      if (event.data && event.data.type === "version") showVersion(event.data.version);
    });
    navigator.serviceWorker.addEventListener("controllerchange", function () {
      navigator.serviceWorker.controller.postMessage("version");
    });
    navigator.serviceWorker.register(S.swUrl, { scope: S.page }).then(function (registration) {
      if (navigator.serviceWorker.controller) navigator.serviceWorker.controller.postMessage("version");
      setInterval(function () { if (navigator.onLine) registration.update().catch(function () {}); }, 60000);
    }).catch(function () {});
  }

  // --- QR codes: the browser's BarcodeDetector, else the vendored jsQR ----------------------------------

  var scanButton = form.querySelector(".desk-scan-button");
  var scanBox = document.querySelector(".desk-scan");
  var canScan = navigator.mediaDevices && navigator.mediaDevices.getUserMedia && ("BarcodeDetector" in window || window.jsQR);
  if (scanButton && scanBox && canScan) {
    scanButton.hidden = false;
    scanButton.addEventListener("click", scan);
  }

  function found(text) {
    input.value = bareCode(text).length === 6 ? codeDisplay(bareCode(text)) : text;
    if (state.meta.generatedAt) renderResults(); else serverResults();
    var button = results.querySelector("button[data-action=check_in]");
    if (button && results.querySelectorAll(".desk-row").length === 1) button.focus();
  }

  function scan() {
    var video = scanBox.querySelector("video");
    var canvas = document.createElement("canvas");
    var detector = "BarcodeDetector" in window ? new window.BarcodeDetector({ formats: ["qr_code"] }) : null;
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
      scanBox.hidden = false;
      video.srcObject = stream;
      video.play();
      var stopped = false;
      function stop() {
        stopped = true;
        stream.getTracks().forEach(function (track) { track.stop(); });
        scanBox.hidden = true;
      }
      var stopButton = scanBox.querySelector(".desk-scan-stop");
      if (stopButton) stopButton.onclick = stop;
      function look() {
        if (stopped) return;
        if (video.readyState < 2) return requestAnimationFrame(look);
        if (detector) {
          detector.detect(video).then(function (codes) {
            if (codes.length) { stop(); found(codes[0].rawValue); } else requestAnimationFrame(look);
          }).catch(function () { detector = null; requestAnimationFrame(look); });
          return;
        }
        canvas.width = video.videoWidth;
        canvas.height = video.videoHeight;
        var context = canvas.getContext("2d", { willReadFrequently: true });
        context.drawImage(video, 0, 0, canvas.width, canvas.height);
        var image = context.getImageData(0, 0, canvas.width, canvas.height);
        var code = window.jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" });
        if (code && code.data) { stop(); found(code.data); } else setTimeout(look, 100);
      }
      look();
    }).catch(function () { notice(S.noCamera, "warning"); });
  }

  // --- start ---------------------------------------------------------------------------------------------

  openDb().then(function (database) {
    db = database;
    return load();
  }).then(function () {
    render();
    tick();
    setInterval(tick, Number(S.refreshSeconds || 10) * 1000);
  }).catch(function () {
    app.hidden = false;
    el.network.textContent = S.noStorage;
  });
})();
