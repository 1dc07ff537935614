import request from './request'

/** People on the member-development path, paged; filters org, stage, role, became, from, to, violations, overdue, q. */
export function listCandidates(query) {
  return request('/api/v1/development/candidates', { params: query })
}

/** One person's path: records (with history and violations), violations, next_due, probation. */
export function getCandidate(id) {
  return request(`/api/v1/development/candidates/${id}`)
}

/** `unit_id` plus the basic information; answers the detail. */
export function addCandidate(data) {
  return request('/api/v1/development/candidates', { method: 'POST', body: data })
}

/** The basic information plus `version`. */
export function updateCandidate(id, data) {
  return request(`/api/v1/development/candidates/${id}`, { method: 'PUT', body: data })
}

/** `{step, date, unit_id?, people?, documents?, conclusion?, …, reason?}`; answers the detail and `record_id`. */
export function addRecord(id, data) {
  return request(`/api/v1/development/candidates/${id}/records`, { method: 'POST', body: data })
}

/** A correction (the record's fields) or `{void: true}`, with `change_reason` and `version`. */
export function updateRecord(id, recordId, data) {
  return request(`/api/v1/development/candidates/${id}/records/${recordId}`, { method: 'PUT', body: data })
}

/** Every rule departure in scope; `state` open | explained, `code`, `org`. */
export function listViolations(query) {
  return request('/api/v1/development/violations', { params: query })
}

/** What is due by when, overdue first; `overdue`, `to`, `org`. */
export function listDue(query) {
  return request('/api/v1/development/due', { params: query })
}

/** The 25 steps (what each records), the violation codes and the roles. */
export function getSteps() {
  return request('/api/v1/development/steps')
}
