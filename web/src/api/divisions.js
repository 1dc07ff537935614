import request from './request'

/** Children of a division (`parent` code; provinces without it), `{items: [{code, name, level, parent_code, full_name}]}`. */
export function childDivisions(parent) {
  return request('/api/v1/divisions', { params: parent ? { parent } : {} })
}

/** Divisions whose name contains `q`, optionally of `level` and `under` a code prefix (at most 30). */
export function searchDivisions(q, { level, under } = {}) {
  const params = { q }
  if (level) params.level = level
  if (under) params.under = under
  return request('/api/v1/divisions', { params })
}

/** One division with `path` (its ancestors from the province down). */
export function getDivision(code) {
  return request(`/api/v1/divisions/${code}`)
}
