import request, { requestBlob } from './request'

// The 建档立卡 registry (docs/health-api.md): households, persons, reveals, import and export.

/** Households, paged: village/town/county, status, cause, q, has_chronic, has_disability, state, sort. */
export function listHouseholds(query) {
  return request('/api/v1/registry/households', { params: query })
}

/** One household with `persons` (masked) and `history`. */
export function getHousehold(id) {
  return request(`/api/v1/registry/households/${id}`)
}

/** The household's fields and `head: {name, id_number, …}`. */
export function addHousehold(data) {
  return request('/api/v1/registry/households', { method: 'POST', body: data })
}

/** The household's fields plus `version`. */
export function updateHousehold(id, data) {
  return request(`/api/v1/registry/households/${id}`, { method: 'PUT', body: data })
}

/** 销户: `{closed_on, reason, version}`. */
export function closeHousehold(id, data) {
  return request(`/api/v1/registry/households/${id}/close`, { method: 'POST', body: data })
}

/** The full address `{address}`; the server audits every call. */
export function getHouseholdPii(id) {
  return request(`/api/v1/registry/households/${id}/pii`)
}

/** A new member: `{name, id_number, relation, phone?, chronic?, disability?, joined_on?}`. */
export function addPerson(householdId, data) {
  return request(`/api/v1/registry/households/${householdId}/persons`, { method: 'POST', body: data })
}

/** Persons across households, paged (masked). */
export function listPersons(query) {
  return request('/api/v1/registry/persons', { params: query })
}

/** The person's fields plus `version` (and `former_head_relation` when becoming 户主). */
export function updatePerson(id, data) {
  return request(`/api/v1/registry/persons/${id}`, { method: 'PUT', body: data })
}

/** 减员: `{left_on, left_reason, version}`. */
export function leavePerson(id, data) {
  return request(`/api/v1/registry/persons/${id}/leave`, { method: 'POST', body: data })
}

/** The full ID number and phone `{id_number, phone}`; the server audits every call. */
export function getPersonPii(id) {
  return request(`/api/v1/registry/persons/${id}/pii`)
}

/** The person list as .xlsx (masked; `full: 1` with health:registry:pii). */
export function exportPersons(query) {
  return requestBlob('/api/v1/registry/persons/export', { params: query, fallbackName: '建档立卡人员.xlsx' })
}

/** The import template (.xlsx). */
export function importTemplate() {
  return requestBlob('/api/v1/registry/import/template', { fallbackName: '建档立卡导入模板.xlsx' })
}

/** Checks a 建档立卡 list (the File itself is the body) without writing anything. */
export function previewRegistryImport(file) {
  return request('/api/v1/registry/import/preview', { method: 'POST', body: file })
}

/** Starts the import: resolves to `{job_id}`; `validOnly` imports only the rows without errors. */
export function startRegistryImport(file, validOnly = false) {
  return request('/api/v1/registry/import', { method: 'POST', body: file, params: validOnly ? { valid_only: 1 } : {} })
}
