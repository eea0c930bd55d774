// The site's service worker: after one visit, every lesson, the exercises and the lecture notes
// work with the network off. web/build-sw.mjs fills in VERSION (a hash of every precached file)
// and PRECACHE (the site shell, the engine, the presets and the CSV data) and writes dist/sw.js.
//
// Hand-written rather than Workbox: the site is static with one version at a time, so the whole
// policy is "one cache per version, cache first, fill it on install, drop the others on activate"
// — about 60 lines, no runtime library to ship, and the version comes from the same build that
// wrote the files.
//   install   fetch every PRECACHE file into cache reglab-VERSION (all or nothing: a failed file
//             fails the install and the old version stays)
//   activate  delete every other reglab-* cache; take control of pages that have none
//   fetch     same-origin GET: from this version's cache; else from the network, kept in the
//             cache when it is a file of the site (the image data a lesson loads: data/*.bin)
//   message   {type: 'skip-waiting'}: the page's "Updated — reload" button (web/site/offline.js)
// A new version waits until the person reloads: a page keeps the version it was loaded with.
const VERSION = '__VERSION__';
const PRECACHE = __PRECACHE__;
const CACHE = `reglab-${VERSION}`;
const scope = new URL(self.registration.scope);

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE.map((p) => new URL(p, scope)))));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key.startsWith('reglab-') && key !== CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data?.type === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  event.respondWith(respond(request, url));
});

async function respond(request, url) {
  const cache = await caches.open(CACHE);
  // Pages are cached without their query (embed.html?preset=…, the exercises' ?seed); the
  // directory is its index.html.
  const page = request.mode === 'navigate';
  const key = url.pathname.endsWith('/') ? new URL('index.html', url) : url;
  const hit = await cache.match(key, { ignoreSearch: page });
  if (hit) return hit;
  try {
    const response = await fetch(request);
    // Only whole, successful responses of this site are kept (a Range request's 206 is not).
    if (response.status === 200 && response.type === 'basic') await cache.put(key, response.clone());
    return response;
  } catch (e) {
    if (page) return new Response('<!doctype html><meta charset="utf-8"><title>Offline — RegLab</title><p>You are offline and this page was not saved on this device yet.</p>', { status: 503, headers: { 'content-type': 'text/html; charset=utf-8' } });
    throw e;
  }
}
