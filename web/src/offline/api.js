// The two server calls the offline pages make, and the app files kept for offline use.
import request from '@/api/request'

/** The caller's villages: households with current members (masked), versions, open service items, team mates. */
export function fetchBundle() {
  return request('/api/v1/visits/offline-bundle')
}

/** Records a queued visit; the server stores a client_id once (a resend answers with the stored visit). */
export function sendVisit(body) {
  return request('/api/v1/visits', { method: 'POST', body, redirectOn401: false })
}

export const APP_CACHE = 'qizhi-app-v1' // public/sw.js

/**
 * Puts the page and every built file this tab has loaded into the service worker's cache, so the
 * offline pages open without network even when the worker took control after they loaded.
 */
export async function keepAppFiles() {
  if (typeof caches === 'undefined') return 0
  const urls = new Set(['./'])
  for (const e of performance.getEntriesByType('resource')) {
    const u = new URL(e.name)
    if (u.origin === location.origin && u.pathname.includes('/assets/')) urls.add(u.pathname)
  }
  for (const el of document.querySelectorAll('script[src], link[rel="stylesheet"][href], link[rel="modulepreload"][href]')) {
    const u = new URL(el.src || el.href, location.href)
    if (u.origin === location.origin && u.pathname.includes('/assets/')) urls.add(u.pathname)
  }
  const cache = await caches.open(APP_CACHE)
  await cache.addAll([...urls])
  return urls.size
}
