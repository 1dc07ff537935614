import request from './request'

export function login(data) {
  return request('/api/v1/auth/login', { method: 'POST', body: data, redirectOn401: false })
}

export function logout() {
  return request('/api/v1/auth/logout', { method: 'POST' })
}

/** `redirectOn401: false` lets the router guard decide where a stranger goes. */
export function getMe(options = {}) {
  return request('/api/v1/me', options)
}

export function changePassword(data) {
  return request('/api/v1/me/password', { method: 'POST', body: data })
}

export function totpSetup() {
  return request('/api/v1/me/totp/setup', { method: 'POST' })
}

export function totpConfirm(code) {
  return request('/api/v1/me/totp/confirm', { method: 'POST', body: { code } })
}
