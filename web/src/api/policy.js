import request from './request'

export function getPolicy() {
  return request('/api/v1/policy')
}

export function updatePolicy(data) {
  return request('/api/v1/policy', { method: 'PUT', body: data })
}
