import { describe, expect, it, vi } from 'vitest'

vi.mock('@/router', () => ({ default: { currentRoute: { value: {} }, replace: vi.fn() } }))
vi.mock('@/stores/user', () => ({ useUserStore: () => ({ csrfToken: '' }) }))

const { recordsToLocation } = await import('@/api/figures')

describe('recordsToLocation', () => {
  const cases = [
    ['a member list with filters', '/api/v1/members?org=5&status=预备', { name: 'members', query: { org: '5', status: '预备' } }],
    ['percent-encoded values', '/api/v1/members?org=5&status=%E6%AD%A3%E5%BC%8F', { name: 'members', query: { org: '5', status: '正式' } }],
    ['本级 of members_by_unit', '/api/v1/members?org=12&direct=1', { name: 'members', query: { org: '12', direct: '1' } }],
    ['a member list without filters', '/api/v1/members', { name: 'members', query: {} }],
    ['a post and an as-of date', '/api/v1/members?org=1&to=2025-12-31&post=%E4%B9%A6%E8%AE%B0', { name: 'members', query: { org: '1', to: '2025-12-31', post: '书记' } }],
    ['the unit list opens the org page as a list', '/api/v1/org/units?kind=branch&size_band=lt3', { name: 'org', query: { kind: 'branch', size_band: 'lt3', view: 'list' } }],
    ['units with a warning', '/api/v1/org/units?warning=term_expired&org=3', { name: 'org', query: { warning: 'term_expired', org: '3', view: 'list' } }],
    ['a trailing slash', '/api/v1/members/?age_band=le30', { name: 'members', query: { age_band: 'le30' } }],
    ['an absolute URL of the same API', 'http://127.0.0.1:8080/api/v1/members?sex=女', { name: 'members', query: { sex: '女' } }],
    ['a repeated key keeps every value', '/api/v1/members?post=书记&post=委员', { name: 'members', query: { post: ['书记', '委员'] } }],
    ['the meeting list (study and life figures)', '/api/v1/meetings?from=2019-01-01&lecturer_level=%E5%85%9A%E5%A7%94%E4%B9%A6%E8%AE%B0&type=party_lecture', { name: 'life', query: { from: '2019-01-01', lecturer_level: '党委书记', type: 'party_lecture' } }],
    ['the development list', '/api/v1/development/candidates?became=%E7%A7%AF%E6%9E%81%E5%88%86%E5%AD%90&from=2025-01-01', { name: 'development', query: { became: '积极分子', from: '2025-01-01' } }],
  ]
  for (const [name, records, want] of cases) {
    it(name, () => expect(recordsToLocation(records)).toEqual(want))
  }

  it('a list no page shows is null', () => {
    expect(recordsToLocation('/api/v1/audit?user=1')).toBeNull()
    expect(recordsToLocation('/api/v1/members/5')).toBeNull()
  })

  it('nothing usable is null', () => {
    expect(recordsToLocation('')).toBeNull()
    expect(recordsToLocation(null)).toBeNull()
    expect(recordsToLocation(undefined)).toBeNull()
  })
})
