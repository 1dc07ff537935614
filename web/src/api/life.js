import request from './request'

/** Meetings (组织生活), paged; filters org, direct, type, from, to, lecturer_level, campaign, state, q. */
export function listMeetings(query) {
  return request('/api/v1/meetings', { params: query })
}

/** One meeting with `attendance` and, for a 支部党员大会 with votes, `quorum`. */
export function getMeeting(id) {
  return request(`/api/v1/meetings/${id}`)
}

/** `unit_id` plus the meeting's fields and attendance (`should`, `should_reason`, `came`, `absent`). */
export function addMeeting(data) {
  return request('/api/v1/meetings', { method: 'POST', body: data })
}

/** The meeting's fields and attendance plus `version`. */
export function updateMeeting(id, data) {
  return request(`/api/v1/meetings/${id}`, { method: 'PUT', body: data })
}

/** `{reason, version}`: the record stays, marked cancelled. */
export function cancelMeeting(id, data) {
  return request(`/api/v1/meetings/${id}/cancel`, { method: 'POST', body: data })
}

/** Units overdue on any cadence rule, `{on, items: [{unit_id, unit_name, missing: […]}], total}`. */
export function getOverdue(query) {
  return request('/api/v1/life/overdue', { params: query })
}

/** What each unit still owes this period, `{on, items: [{unit_id, owed: […]}]}`. */
export function getDue(query) {
  return request('/api/v1/life/due', { params: query })
}

/** Who should attend: the unit's members on `on`, `{items: [{member_id, name, status}], voting}`. */
export function getRoll(org, on) {
  return request('/api/v1/life/roll', { params: { org, on } })
}
