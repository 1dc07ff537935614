import request from './request'

/** The hospital's checklists (current versions, each with `items`). */
export function listChecklists() {
  return request('/api/v1/scoring/checklists')
}

/** One checklist version. */
export function getChecklist(id) {
  return request(`/api/v1/scoring/checklists/${id}`)
}

/** `{code, title, items: [{code, title, max_score, guidance}]}`: saved as the next version. */
export function saveChecklist(data) {
  return request('/api/v1/scoring/checklists', { method: 'POST', body: data })
}

/** Inspections, paged; filters org, from, to, checklist, state, q. */
export function listInspections(query) {
  return request('/api/v1/scoring/inspections', { params: query })
}

/** One inspection with its `items` (score and note per item). */
export function getInspection(id) {
  return request(`/api/v1/scoring/inspections/${id}`)
}

/** `{unit_id, checklist_id, date, note, scores: [{code, score, note}], corrects_id?}`. */
export function addInspection(data) {
  return request('/api/v1/scoring/inspections', { method: 'POST', body: data })
}

/** `{reason}`: the inspection stays, marked void. */
export function voidInspection(id, data) {
  return request(`/api/v1/scoring/inspections/${id}/void`, { method: 'POST', body: data })
}

/** `{year, weights, items (live ranking), finalised}` of a year (and `org`). */
export function getAssessment(query) {
  return request('/api/v1/scoring/assessment', { params: query })
}

/** `{year, weights: {inspection, meetings, study, dues}}`. */
export function saveWeights(data) {
  return request('/api/v1/scoring/weights', { method: 'PUT', body: data })
}

/** `{year}`: decides the year's ranking for good. */
export function finaliseAssessment(data) {
  return request('/api/v1/scoring/assessment/finalise', { method: 'POST', body: data })
}

/** Commendations, paged; filters org, year, kind, state, q. */
export function listCommendations(query) {
  return request('/api/v1/commendations', { params: query })
}

/** `{kind, year, decided_on, basis, unit_id | member_id, assessment_result_id?}`. */
export function addCommendation(data) {
  return request('/api/v1/commendations', { method: 'POST', body: data })
}

/** `{reason, decided_on?}`: a revocation row; the award stays. */
export function revokeCommendation(id, data) {
  return request(`/api/v1/commendations/${id}/revoke`, { method: 'POST', body: data })
}
