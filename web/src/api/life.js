import request, { requestBlob } from './request'

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

/** The 三会一课 ledger of `org` and below for `year`: `{title, items, total, cadence}`. */
export function getLedger(org, year) {
  return request('/api/v1/life/ledger', { params: { org, year } })
}

/** The ledger as .xlsx: resolves to `{blob, filename}`. */
export function exportLedger(org, year) {
  return requestBlob('/api/v1/life/ledger/export', { params: { org, year }, fallbackName: '三会一课台账.xlsx' })
}

/** Meetings held and what is still owed in `from`..`to` (≤ 93 days): `{meetings, due}`. */
export function getCalendar(query) {
  return request('/api/v1/life/calendar', { params: query })
}

/** A member's meetings, came or absent, and the rate: `{items, should, came, rate_text}`. */
export function getMemberAttendance(id, query) {
  return request(`/api/v1/members/${id}/attendance`, { params: query })
}

/** The hospital's cadence rules: `{stored, items, defaults}`. */
export function getCadenceRules() {
  return request('/api/v1/life/cadence-rules')
}

/** Replaces the whole set: `rules` as GET returns them. */
export function saveCadenceRules(rules) {
  return request('/api/v1/life/cadence-rules', { method: 'PUT', body: { rules } })
}

/** A meeting's files: `{items: [{id, name, kind, size, url}], total}`. */
export function listAttachments(meetingId) {
  return request(`/api/v1/meetings/${meetingId}/attachments`)
}

/** Uploads `file` (the File itself is the body) under its own name. */
export function uploadAttachment(meetingId, file) {
  return request(`/api/v1/meetings/${meetingId}/attachments`, { method: 'POST', body: file, params: { name: file.name } })
}

/** One file as `{blob, filename}`. */
export function downloadAttachment(url) {
  return requestBlob(url, { fallbackName: '附件' })
}

/** Meeting plans (会议计划), paged; filters org, type, from, to, state (planned|overdue|held|cancelled|all), q. */
export function listPlans(query) {
  return request('/api/v1/life/plans', { params: query })
}

/** `unit_id`, type, date (today or later), start_time, place, topic, presenter, note. */
export function addPlan(data) {
  return request('/api/v1/life/plans', { method: 'POST', body: data })
}

/** The plan's fields plus `version` (rescheduling; the unit stays). */
export function updatePlan(id, data) {
  return request(`/api/v1/life/plans/${id}`, { method: 'PUT', body: data })
}

/** `{reason, version}`: the plan stays, marked cancelled. */
export function cancelPlan(id, data) {
  return request(`/api/v1/life/plans/${id}/cancel`, { method: 'POST', body: data })
}
