import request from './request'

/** Which posts must sign: `{stored, items, defaults}`. */
export function getPostClasses() {
  return request('/api/v1/integrity/post-classes')
}

export function savePostClasses(classes) {
  return request('/api/v1/integrity/post-classes', { method: 'PUT', body: { classes } })
}

/** The year's pledge roll: `{items, total, page, size, year, due, signed, unsigned}`. */
export function listPledges(query) {
  return request('/api/v1/integrity/pledges', { params: query })
}

/** Records a signature `{member_id, year, signed_on}`. */
export function signPledge(data) {
  return request('/api/v1/integrity/pledges', { method: 'POST', body: data })
}

/** One pledge with its text, for the printed form. */
export function getPledge(id) {
  return request(`/api/v1/integrity/pledges/${id}`)
}

export function voidPledge(id, reason) {
  return request(`/api/v1/integrity/pledges/${id}/void`, { method: 'POST', body: { reason } })
}

export function getNineItems() {
  return request('/api/v1/integrity/self-check-items')
}

/** Self-checks in force: `period`, `year`, `org`, `q`, `issues`, `status`, paging. */
export function listSelfChecks(query) {
  return request('/api/v1/integrity/self-checks', { params: query })
}

/** Records a self-check (again for the same member and period: a new version). */
export function recordSelfCheck(data) {
  return request('/api/v1/integrity/self-checks', { method: 'POST', body: data })
}

/** One self-check with its answers and every version. */
export function getSelfCheck(id) {
  return request(`/api/v1/integrity/self-checks/${id}`)
}
