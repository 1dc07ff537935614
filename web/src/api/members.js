import request, { requestBlob } from './request'

/** Members, paged; the filters of docs/party-api.md (org, direct, to, status, age_band, …). */
export function listMembers(query) {
  return request('/api/v1/members', { params: query })
}

/** One member with the tabs: posts, rewards, family, units, transfers, status_history. */
export function getMember(id) {
  return request(`/api/v1/members/${id}`)
}

/** The full ID number and phone, `{id_number, phone}`; the server audits every call. */
export function getMemberPii(id) {
  return request(`/api/v1/members/${id}/pii`)
}

/** `unit_id` plus the MemberInput fields, optional `unit_since` and `transfer_in`. */
export function addMember(data) {
  return request('/api/v1/members', { method: 'POST', body: data })
}

/** The MemberInput fields plus `version`. */
export function updateMember(id, data) {
  return request(`/api/v1/members/${id}`, { method: 'PUT', body: data })
}

/** `{kind: party|hospital, title, unit_id?, department?, started_on, appoint_doc?}`. */
export function addPost(id, data) {
  return request(`/api/v1/members/${id}/posts`, { method: 'POST', body: data })
}

/** `{ended_on, end_doc?, end_reason?}`. */
export function endPost(id, postId, data) {
  return request(`/api/v1/members/${id}/posts/${postId}/end`, { method: 'POST', body: data })
}

/** 双任免: `{hospital_title, department, party_title, unit_id?, started_on, appoint_doc?}`. */
export function addDualAppointment(id, data) {
  return request(`/api/v1/members/${id}/dual-appointments`, { method: 'POST', body: data })
}

/** Ends both posts of a 双任免 pair: `{ended_on, end_doc?, end_reason?}`. */
export function endDualAppointment(id, dualId, data) {
  return request(`/api/v1/members/${id}/dual-appointments/${encodeURIComponent(dualId)}/end`, { method: 'POST', body: data })
}

/** `{kind: reward|punishment, title, decided_on, authority, note?}`. */
export function addReward(id, data) {
  return request(`/api/v1/members/${id}/rewards`, { method: 'POST', body: data })
}

/** `{relation, name, work_unit?, political_status?}`. */
export function addFamily(id, data) {
  return request(`/api/v1/members/${id}/family`, { method: 'POST', body: data })
}

/** `{reason}`: the row stays, ended. */
export function endFamily(id, familyId, data) {
  return request(`/api/v1/members/${id}/family/${familyId}/end`, { method: 'POST', body: data })
}

/** 组织关系转接: `{kind: between|out, to_unit_id | external_org, letter_no, issued_on, effective_on, note?}`. */
export function transferMember(id, data) {
  return request(`/api/v1/members/${id}/transfers`, { method: 'POST', body: data })
}

/** 党员减少: `{kind, left_on, reason}`. */
export function leaveMember(id, data) {
  return request(`/api/v1/members/${id}/leave`, { method: 'POST', body: data })
}

/** The roster of the list's filters as .xlsx: resolves to `{blob, filename}`. */
export function exportMembers(query) {
  return requestBlob('/api/v1/members/export', { params: query, fallbackName: '党员名册.xlsx' })
}

/** Checks a roster file (the File itself is the body) without writing anything. */
export function previewImport(file) {
  return request('/api/v1/members/import/preview', { method: 'POST', body: file })
}

/** Starts the import of a roster file: resolves to `{job_id}`. */
export function startImport(file) {
  return request('/api/v1/members/import', { method: 'POST', body: file })
}

/** A background job: `{id, kind, state: running|done|failed, percent, result, errors}`. */
export function getJob(id) {
  return request(`/api/v1/jobs/${id}`)
}
