import request, { requestBlob } from './request'

/** Coverage of a period (`period` YYYY-MM | YYYY-Qn | plan:<id>, `village`, `town`, `team`). */
export function getCoverage(query) {
  return request('/api/v1/coverage', { params: query })
}

/** The households behind a count: `state` not_visited | not_covered | covered | visited. */
export function coverageHouseholds(query) {
  return request('/api/v1/coverage/households', { params: query })
}

/** The persons behind a count: `state` not_seen | reason | seen (masked). */
export function coveragePersons(query) {
  return request('/api/v1/coverage/persons', { params: query })
}

/** The not-yet lists as .xlsx for the team's next trip. */
export function exportCoverage(query) {
  return requestBlob('/api/v1/coverage/export', { params: query, fallbackName: 'coverage.xlsx' })
}

/** Visits, paged; filters village, team, household, from, to, state, q. */
export function listVisits(query) {
  return request('/api/v1/visits', { params: query })
}

export function getVisit(id) {
  return request(`/api/v1/visits/${id}`)
}

/** The visit form of a household: members, version, service items, team and its members. */
export function getVisitForm(householdId) {
  return request(`/api/v1/visits/form/${householdId}`)
}

/**
 * Records a visit. Idempotent by `client_id` (a retry answers the stored visit); a 409 on
 * `household_version` carries the current `household` and `persons` in `err.problem`.
 */
export function recordVisit(data) {
  return request('/api/v1/visits', { method: 'POST', body: data })
}

/** `{reason, version}`: the visit stays, marked void, and no longer counts. */
export function voidVisit(id, data) {
  return request(`/api/v1/visits/${id}/void`, { method: 'POST', body: data })
}

/** A JPG or PNG file (≤ 5 MB) sent as it is. */
export function uploadVisitPhoto(id, file) {
  return request(`/api/v1/visits/${id}/photo`, { method: 'POST', body: file })
}

export function listServiceItems(householdId) {
  return request('/api/v1/service-items', { params: { household: householdId, size: 200 } })
}

export function addServiceItem(data) {
  return request('/api/v1/service-items', { method: 'POST', body: data })
}

/** `{status, version, note, visit_id}`. */
export function setServiceItemStatus(id, data) {
  return request(`/api/v1/service-items/${id}/status`, { method: 'POST', body: data })
}

export function listVisitPlans(query) {
  return request('/api/v1/visit-plans', { params: query })
}

export function createVisitPlan(data) {
  return request('/api/v1/visit-plans', { method: 'POST', body: data })
}

export function cancelVisitPlan(id, data) {
  return request(`/api/v1/visit-plans/${id}/cancel`, { method: 'POST', body: data })
}

/** The caller's villages, households, members (masked) and open items, for the offline client. */
export function getOfflineBundle() {
  return request('/api/v1/visits/offline-bundle')
}
