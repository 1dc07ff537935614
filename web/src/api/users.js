import request from './request'

export function listUsers(query) {
  return request('/api/v1/users', { params: query })
}

export function addUser(data) {
  return request('/api/v1/users', { method: 'POST', body: data })
}

export function updateUser(id, data) {
  return request(`/api/v1/users/${id}`, { method: 'PATCH', body: data })
}

export function lockUser(id) {
  return request(`/api/v1/users/${id}/lock`, { method: 'POST' })
}

export function unlockUser(id) {
  return request(`/api/v1/users/${id}/unlock`, { method: 'POST' })
}

export function resetPassword(id, password) {
  return request(`/api/v1/users/${id}/password`, { method: 'POST', body: { password } })
}

/** The full phone number; the server writes an audit row for every call. */
export function revealPhone(id) {
  return request(`/api/v1/users/${id}/phone`)
}

export function assignRoles(id, data) {
  return request(`/api/v1/users/${id}/roles`, { method: 'PUT', body: data })
}
