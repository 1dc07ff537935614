// The member list's filters in the route query (see utils/routeQuery.js), and the table's
// server-side sorting.
import { listFromRoute, routeFromList, sameQuery } from '@/utils/routeQuery'

/** The filters of GET /api/v1/members with their empty values. */
export const memberFilters = {
  q: '',
  org: undefined,
  direct: '',
  to: '',
  from: '',
  status: '',
  age_band: '',
  post: '',
  sex: '',
  education: '',
  category: '',
  hardship: '',
  flowing: '',
  state: '',
}

/** The member list query of a route query. */
export function filtersFromQuery(routeQuery = {}) {
  return listFromRoute(routeQuery, memberFilters)
}

/** The route query of the member list query. */
export const queryFromFilters = routeFromList

export { sameQuery }

// Table columns sorted by the server: column prop → sort key; the age column sorts by birth
// date the other way round (the youngest has the latest birth date).
const sortKeys = { name: 'name', unit_name: 'unit', joined_on: 'joined_on', age: '-birth_date' }

/** The `sort` value for el-table's sort-change `{prop, order}`; undefined for no sorting. */
export function sortOf({ prop, order }) {
  const key = sortKeys[prop]
  if (!key || !order) return undefined
  const descending = order === 'descending'
  if (key.startsWith('-')) return descending ? key.slice(1) : key
  return descending ? `-${key}` : key
}

/** el-table's default-sort for a `sort` value, or undefined. */
export function defaultSortOf(sort) {
  if (!sort) return undefined
  for (const [prop, key] of Object.entries(sortKeys)) {
    if (key === sort) return { prop, order: 'ascending' }
    const flipped = key.startsWith('-') ? key.slice(1) : `-${key}`
    if (flipped === sort) return { prop, order: 'descending' }
  }
  return undefined
}
