import request from './request'

export function listAudit(query) {
  return request('/api/v1/audit', { params: query })
}

export function verifyAudit() {
  return request('/api/v1/audit/verify')
}
