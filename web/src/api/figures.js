import request from './request'

/** The catalogue: `{items: [{name, title, unit, filters}]}`. */
export function listFigures() {
  return request('/api/v1/figures')
}

/** One figure computed now: `{name, title, unit, value, records, filters, groups}`. */
export function getFigure(name, params) {
  return request(`/api/v1/figures/${encodeURIComponent(name)}`, { params })
}

// The list pages that show the records behind a figure, by the API list they call.
const recordPages = [
  { api: '/api/v1/members', route: 'members', extra: {} },
  { api: '/api/v1/org/units', route: 'org', extra: { view: 'list' } },
  { api: '/api/v1/development/candidates', route: 'development', extra: {} },
  { api: '/api/v1/meetings', route: 'life', extra: {} },
]

/**
 * The router location of the page listing a figure's records: "/api/v1/members?org=5&status=预备"
 * → `{name: 'members', query: {org: '5', status: '预备'}}`; the unit list opens the org page in
 * its list view. null for a URL no page shows.
 */
export function recordsToLocation(records) {
  if (typeof records !== 'string' || !records) return null
  let url
  try {
    url = new URL(records, 'http://qizhi.invalid')
  } catch {
    return null
  }
  const path = url.pathname.replace(/\/+$/, '')
  const page = recordPages.find((p) => p.api === path)
  if (!page) return null
  const query = {}
  for (const [key, value] of url.searchParams) {
    if (key in query) query[key] = [].concat(query[key], value)
    else query[key] = value
  }
  return { name: page.route, query: { ...query, ...page.extra } }
}
