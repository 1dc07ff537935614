import request from './request'

/** Every unit in the caller's scope, `{items}` ordered by tenant and path (no paging). */
export function getOrgTree() {
  return request('/api/v1/org/tree')
}

/** Units, paged; filters `org`, `kind`, `warning`, `size_band`, `q`, `sort`. */
export function listUnits(query) {
  return request('/api/v1/org/units', { params: query })
}

/** One unit with its `committees` (newest first) and current party `posts`. */
export function getUnit(id) {
  return request(`/api/v1/org/units/${id}`)
}

/** `{parent_id, name, kind, department?, alliance_member?, sort_order?}` → the new unit. */
export function addUnit(data) {
  return request('/api/v1/org/units', { method: 'POST', body: data })
}

/** `{name?, department?, alliance_member?, sort_order?, version}` → the unit, new version. */
export function updateUnit(id, data) {
  return request(`/api/v1/org/units/${id}`, { method: 'PUT', body: data })
}

/** Ends (撤销) a unit: `{reason, ended_on?}`. */
export function endUnit(id, data) {
  return request(`/api/v1/org/units/${id}/end`, { method: 'POST', body: data })
}

/** 换届: `{elected_on, term_years?, members: [{member_id, post}], note?}` → the committee. */
export function electCommittee(id, data) {
  return request(`/api/v1/org/units/${id}/committees`, { method: 'POST', body: data })
}
