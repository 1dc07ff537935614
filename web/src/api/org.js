import request from './request'

export function listUnits(query) {
  return request('/api/v1/org/units', { params: query })
}
