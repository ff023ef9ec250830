// The service worker (the build prepends MANIFEST: {version, files: {lang:
// [urls]}}). On request of a page (js/offline.js), it caches that page's
// language; it then answers from the network when there is one, from the
// cache when there is not. Same origin only: it never fetches elsewhere.
const PREFIX = "fabrique-";
const cacheName = (lang) => `${PREFIX}${MANIFEST.version}-${lang}`;

async function cacheLanguage(lang) {
  const files = MANIFEST.files[lang];
  if (!files) return false;
  const cache = await caches.open(cacheName(lang));
  await cache.addAll(files);
  return true;
}

// A new build: re-cache the languages this reader had, under the new
// version, then drop the old caches.
self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const langs = new Set();
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && !name.startsWith(`${PREFIX}${MANIFEST.version}-`)) langs.add(name.split("-").pop());
    }
    for (const lang of langs) await cacheLanguage(lang).catch(() => {});
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && !name.startsWith(`${PREFIX}${MANIFEST.version}-`)) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener("message", (event) => {
  const lang = event.data && event.data.cache;
  const port = event.ports && event.ports[0];
  if (!lang) return;
  event.waitUntil(cacheLanguage(lang).then(
    (ok) => port && port.postMessage({ ok, lang }),
    () => port && port.postMessage({ ok: false, lang }),
  ));
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET" || new URL(req.url).origin !== self.location.origin) return;
  if (req.mode === "navigate") {
    // Pages: the network first (a rebuild shows at once), the cache offline.
    event.respondWith(fetch(req).catch(async () =>
      (await caches.match(req, { ignoreSearch: true })) ||
      (await caches.match(new URL(req.url).pathname.replace(/[^/]*$/, ""))) ||
      Response.error()));
    return;
  }
  // Assets are fingerprinted: the cache first.
  event.respondWith(caches.match(req).then((hit) => hit || fetch(req)));
});
