import request from './request'

/** The rules: `{items (in force today), history (every version), actions, cycles}`. */
export function getPointsRules() {
  return request('/api/v1/points/rules')
}

/** A new version of one action's rule, effective from `effective_from`. */
export function addPointsRule(data) {
  return request('/api/v1/points/rules', { method: 'POST', body: data })
}

/** The year's ranking: `{items, total, page, size, year}`; `year`, `org`, `q`, `has_points`, paging. */
export function getRanking(query) {
  return request('/api/v1/points/ranking', { params: query })
}

/** One member's year: totals, ranks, `by_action`, every event with its reason. */
export function getMemberPoints(id, year) {
  return request(`/api/v1/points/members/${id}`, { params: { year } })
}

/** The caller's own points (the member the account is tied to). */
export function getMyPoints(year) {
  return request('/api/v1/me/points', { params: { year } })
}

/** Manual entries: `status`, `org`, `from`, `to`, `q`, paging. */
export function listPointsEntries(query) {
  return request('/api/v1/points/entries', { params: query })
}

/** Proposes a bonus or deduction `{member_id, action, points, occurred_on, reason}`. */
export function proposePointsEntry(data) {
  return request('/api/v1/points/entries', { method: 'POST', body: data })
}

export function approvePointsEntry(id, note) {
  return request(`/api/v1/points/entries/${id}/approve`, { method: 'POST', body: { note } })
}

export function rejectPointsEntry(id, note) {
  return request(`/api/v1/points/entries/${id}/reject`, { method: 'POST', body: { note } })
}
