// The desk's service worker: keeps the desk page and its files so the desk opens without a network.
// The server puts one line before this file: self.DESK = {version, assets, page, roster}.
// The roster itself lives in IndexedDB (desk-app.js), never in this cache; the cache holds code and the
// desk page without search results, nothing personal.
/* global self, caches, fetch, URL, Response */
"use strict";

var CACHE = "desk-" + self.DESK.version;

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(CACHE).then(function (cache) {
      return cache.addAll(self.DESK.assets).then(function () {
        // The page needs a login; if the session has ended, install anyway and cache it on the next visit.
        return fetch(self.DESK.page, { credentials: "same-origin", redirect: "manual" }).then(function (response) {
          if (response.ok) return cache.put(self.DESK.page, response);
        }).catch(function () {});
      });
    }).then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf("desk-") === 0 && name !== CACHE;
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); })
  );
});

self.addEventListener("message", function (event) {
  if (event.data === "version" && event.source) {
    event.source.postMessage({ type: "version", version: self.DESK.version });
  }
  if (event.data === "forget") {
    // Logout or the end of the event day: drop the cached desk page too.
    event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.delete(self.DESK.page); }));
  }
});

function isAsset(url) {
  return self.DESK.assets.indexOf(url.pathname) !== -1;
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (isAsset(url)) {
    event.respondWith(caches.open(CACHE).then(function (cache) {
      return cache.match(url.pathname).then(function (hit) {
        return hit || fetch(request).then(function (response) {
          if (response.ok) cache.put(url.pathname, response.clone());
          return response;
        });
      });
    }));
    return;
  }
  if (request.mode === "navigate" && url.pathname === self.DESK.page) {
    // Network first (fresh counts, a valid form token); the kept page when the network is down.
    event.respondWith(fetch(request).then(function (response) {
      if (response.ok && !url.search && response.type === "basic" && !response.redirected) {
        var copy = response.clone();
        caches.open(CACHE).then(function (cache) { cache.put(self.DESK.page, copy); });
      }
      return response;
    }).catch(function () {
      return caches.open(CACHE).then(function (cache) {
        return cache.match(self.DESK.page).then(function (hit) {
          return hit || new Response("", { status: 503, statusText: "Offline" });
        });
      });
    }));
  }
});
