import request from './request'

// 帮扶队, 分片负责 and 一对一帮扶 (docs/health-api.md).

/** Teams, paged; filters state (current|ended|all), q (队名 or 队长), village; sort id|name|leader. */
export function listTeams(query) {
  return request('/api/v1/outreach/teams', { params: query })
}

/** One team with all its members and village rows (history included). */
export function getTeam(id) {
  return request(`/api/v1/outreach/teams/${id}`)
}

/** `{name, leader_user_id?, leader_name, leader_post?, note?}`. */
export function addTeam(data) {
  return request('/api/v1/outreach/teams', { method: 'POST', body: data })
}

/** The team's fields plus `version`. */
export function updateTeam(id, data) {
  return request(`/api/v1/outreach/teams/${id}`, { method: 'PUT', body: data })
}

/** `{ended_on, reason, version}`: members and villages end the same day. */
export function endTeam(id, data) {
  return request(`/api/v1/outreach/teams/${id}/end`, { method: 'POST', body: data })
}

/** `{role, name?, user_id?, member_id?, joined_on}`. */
export function addTeamMember(id, data) {
  return request(`/api/v1/outreach/teams/${id}/members`, { method: 'POST', body: data })
}

/** `{left_on}`. */
export function leaveTeam(id, memberRowId, data) {
  return request(`/api/v1/outreach/teams/${id}/members/${memberRowId}/leave`, { method: 'POST', body: data })
}

/** `{village_code, from_on, reassign?}`: 409 naming the team that holds it unless reassign. */
export function assignVillage(id, data) {
  return request(`/api/v1/outreach/teams/${id}/villages`, { method: 'POST', body: data })
}

/** `{to_on}`: the team stops answering for the village from that day. */
export function unassignVillage(id, rowId, data) {
  return request(`/api/v1/outreach/teams/${id}/villages/${rowId}/end`, { method: 'POST', body: data })
}

/** 分片负责: `{items: [{leader_name, leader_post, teams: [{…, villages}], villages, households, persons}]}`. */
export function listLeaders() {
  return request('/api/v1/outreach/leaders')
}

/** Pairings, paged; filters member, household, village, state (current|ended|all), q; sort id|member|from_on|village. */
export function listPairings(query) {
  return request('/api/v1/outreach/pairings', { params: query })
}

/** `{member_id, household_id, from_on, end_reason? (when the household is paired already), note?}`. */
export function addPairing(data) {
  return request('/api/v1/outreach/pairings', { method: 'POST', body: data })
}

/** `{to_on, reason}`. */
export function endPairing(id, data) {
  return request(`/api/v1/outreach/pairings/${id}/end`, { method: 'POST', body: data })
}
