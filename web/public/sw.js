// The service worker: keeps the app itself (index.html and the built assets) on the phone so the
// offline pages open in a village without network. Data never goes through here: the API is not
// cached (the offline pages keep their own copy in IndexedDB, src/offline/).
// - page loads: network first (a new release is seen at once), the cached index.html when offline;
// - /assets/*: cache first — Vite names them by content hash, so a cached one is never stale;
//   every asset fetched while online is kept, and old releases' assets are dropped on activate.
const CACHE = 'qizhi-app-v1'

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(['./', './logo.svg']))
      .then(() => self.skipWaiting()),
  )
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name)
      await self.clients.claim()
    })(),
  )
})

async function pageFirstFromNetwork(request) {
  const cache = await caches.open(CACHE)
  try {
    const response = await fetch(request)
    if (response.ok) {
      await cache.put('./', response.clone())
      await pruneAssets(cache, await response.clone().text())
    }
    return response
  } catch {
    return (await cache.match('./')) || Response.error()
  }
}

async function assetFromCache(request) {
  const cache = await caches.open(CACHE)
  const cached = await cache.match(request)
  if (cached) return cached
  const response = await fetch(request)
  if (response.ok) await cache.put(request, response.clone())
  return response
}

// A new release names another entry script in index.html: the old release's assets are dropped
// (those still used are fetched again as pages load them).
const ENTRY_KEY = './__entry'
async function pruneAssets(cache, html) {
  const entry = /assets\/index-[^"']+\.js/.exec(html)?.[0]
  if (!entry) return
  const known = await cache.match(ENTRY_KEY)
  if (known && (await known.text()) === entry) return
  for (const k of await cache.keys()) if (new URL(k.url).pathname.includes('/assets/')) await cache.delete(k)
  await cache.put(ENTRY_KEY, new Response(entry))
}

self.addEventListener('fetch', (event) => {
  const request = event.request
  if (request.method !== 'GET') return
  const url = new URL(request.url)
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return
  if (request.mode === 'navigate') event.respondWith(pageFirstFromNetwork(request))
  else if (url.pathname.includes('/assets/')) event.respondWith(assetFromCache(request))
})
