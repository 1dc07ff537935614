// The development list's filters in the route query (see utils/routeQuery.js): a figure's
// `records` URL (/api/v1/development/candidates?role=…) opens this list as is.
import { listFromRoute, routeFromList, sameQuery } from '@/utils/routeQuery'

/** The filters of GET /api/v1/development/candidates with their empty values. */
export const candidateFilters = {
  q: '',
  org: undefined,
  stage: '',
  role: '',
  became: '',
  from: '',
  to: '',
  violations: '',
  overdue: '',
}

/** The three views of the page, by the route query's `view`. */
export const views = [
  { name: 'list', label: '发展名单' },
  { name: 'due', label: '待办' },
  { name: 'violations', label: '违规及说明' },
]

export function viewOf(routeQuery = {}) {
  const v = Array.isArray(routeQuery.view) ? routeQuery.view[0] : routeQuery.view
  return views.some((x) => x.name === v) ? v : 'list'
}

/** The list query of a route query (`view` is the page's, not the list's). */
export function filtersFromQuery(routeQuery = {}) {
  return listFromRoute(routeQuery, candidateFilters, ['view'])
}

/** The route query of the list query. */
export const queryFromFilters = routeFromList

export { sameQuery }

export const roles = ['申请人', '积极分子', '发展对象', '预备党员', '正式党员']

export const stages = [
  { value: '1', label: '申请入党' },
  { value: '2', label: '入党积极分子的确定和培养教育' },
  { value: '3', label: '发展对象的确定和考察' },
  { value: '4', label: '预备党员的接收' },
  { value: '5', label: '预备党员的教育考察和转正' },
]

/** el-tag type of a role. */
export function roleTag(role) {
  return { 申请人: 'info', 积极分子: 'primary', 发展对象: 'warning', 预备党员: 'danger', 正式党员: 'success' }[role] || 'info'
}
