// List pages keep their filters in the route query, so a figure's `records` URL opens exactly
// that list and the address can be shared. Route query ⇄ list query (useList's `query`).

export const defaultSize = 20

const first = (v) => (Array.isArray(v) ? v[0] : v)

function positive(v, fallback) {
  const n = Number(first(v))
  return Number.isInteger(n) && n > 0 ? n : fallback
}

/**
 * The list query of a route query: every filter of `defaults` (its empty value when absent),
 * `org` as a number when it is one, `page`, `size`, `sort`. Keys not in `defaults` are kept as
 * they are, so the list still asks exactly what the link asked. `skip` names route-only keys.
 */
export function listFromRoute(routeQuery = {}, defaults = {}, skip = []) {
  const out = { ...defaults, page: 1, size: defaultSize, sort: undefined }
  for (const [key, raw] of Object.entries(routeQuery)) {
    const value = first(raw)
    if (value === undefined || value === null || skip.includes(key)) continue
    if (key === 'page') out.page = positive(value, 1)
    else if (key === 'size') out.size = positive(value, defaultSize)
    else if (key === 'sort') out.sort = value || undefined
    else if (key === 'org') out.org = value === '' ? undefined : /^\d+$/.test(value) ? Number(value) : value
    else out[key] = String(value)
  }
  return out
}

/** The route query of a list query: empty filters, page 1 and the default size left out. */
export function routeFromList(query = {}) {
  const out = {}
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '' || value === false) continue
    if (key === 'page' && Number(value) === 1) continue
    if (key === 'size' && Number(value) === defaultSize) continue
    out[key] = String(value)
  }
  return out
}

/** Two route queries ask the same list. */
export function sameQuery(a = {}, b = {}) {
  const norm = (q) => JSON.stringify(Object.entries(routeFromList(q)).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
  return norm(a) === norm(b)
}
