import request from './request'

export function listRoles(query) {
  return request('/api/v1/roles', { params: query })
}

export function addRole(data) {
  return request('/api/v1/roles', { method: 'POST', body: data })
}

export function updateRole(id, data) {
  return request(`/api/v1/roles/${id}`, { method: 'PATCH', body: data })
}

export function listPermissions() {
  return request('/api/v1/permissions')
}
