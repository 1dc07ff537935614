import { describe, expect, it, vi } from 'vitest'
import { buildMenu, menuTable } from '@/layout/menu'
import { hasAnyPermi } from '@/utils/permission'

vi.mock('@/layout/index.vue', () => ({ default: { name: 'Layout' } }))
const { routes } = await import('@/router/routes')

// Route name → {path, meta}, from the route table itself.
const meta = {}
;(function collect(list, prefix) {
  for (const r of list) {
    const path = r.path.startsWith('/') ? r.path : `${prefix}/${r.path}`
    if (r.name) meta[r.name] = { path, meta: r.meta }
    if (r.children) collect(r.children, path === '/' ? '' : path)
  }
})(routes, '')

function leaves(items) {
  return items.flatMap((i) => (i.children ? leaves(i.children) : [i.route]))
}

function menuFor(permissions) {
  return buildMenu(menuTable, (name) => meta[name], (p) => hasAnyPermi(permissions, p))
}

// The built-in roles (src/platform/auth/permissions.cpp, docs/platform-api.md, docs/party-api.md).
const party = ['party:org:list', 'party:member:list', 'party:development:list', 'party:life:list', 'party:dues:list', 'party:scoring:list']
const points = ['party:points:list', 'party:integrity:list']
const healthRead = ['health:registry:list', 'health:outreach:list', 'health:visit:list']
const roles = {
  member: ['party:points:own'],
  outreach: ['health:registry:list', 'health:registry:edit', 'health:outreach:list', 'health:visit:list', 'health:visit:edit'],
  admin: [...party, ...points, 'party:points:edit', 'party:points:approve', 'party:points:rules', 'party:integrity:edit', 'party:org:edit', 'party:member:add', 'party:member:edit', 'party:member:transfer', 'party:member:pii', 'party:member:import', 'party:member:export', 'figures:view', ...healthRead, 'health:registry:edit', 'health:registry:import', 'health:registry:pii', 'health:registry:export', 'health:outreach:edit', 'health:visit:edit', 'health:scope:all'],
  secretary: [...party, ...points, 'party:points:edit', 'party:member:add', 'party:member:edit', 'party:member:export', 'figures:view'],
  leader: [...party, ...points, 'figures:view', ...healthRead, 'health:scope:all'],
  auditor: [...party, ...points, 'figures:view', 'scope:subtree:read', ...healthRead, 'health:scope:all'],
  sysadmin: ['system:user:list', 'system:user:add', 'system:user:edit', 'system:user:lock', 'system:user:reset-password', 'system:user:pii', 'system:config:view'],
  secadmin: ['security:role:list', 'security:role:edit', 'security:user:assign', 'security:policy:view', 'security:policy:edit'],
  audadmin: ['audit:log:list', 'audit:log:verify'],
}

describe('buildMenu', () => {
  const cases = [
    ['member', ['dashboard', 'my-points', 'profile']],
    ['outreach', ['dashboard', 'registry', 'coverage', 'visits', 'visit-plans', 'outreach-teams', 'outreach-areas', 'outreach-pairings', 'field', 'profile']],
    ['admin', ['dashboard', 'figures', 'org', 'members', 'development', 'life', 'life-overdue', 'life-ledger', 'life-calendar', 'life-rules', 'xuexi', 'dues', 'scoring-inspections', 'scoring-assessment', 'scoring-checklists', 'commendations', 'points', 'points-entries', 'points-rules', 'integrity', 'integrity-self-checks', 'registry', 'coverage', 'visits', 'visit-plans', 'outreach-teams', 'outreach-areas', 'outreach-pairings', 'field', 'profile']],
    ['secretary', ['dashboard', 'figures', 'org', 'members', 'development', 'life', 'life-overdue', 'life-ledger', 'life-calendar', 'life-rules', 'xuexi', 'dues', 'scoring-inspections', 'scoring-assessment', 'scoring-checklists', 'commendations', 'points', 'points-entries', 'points-rules', 'integrity', 'integrity-self-checks', 'profile']],
    ['leader', ['dashboard', 'figures', 'org', 'members', 'development', 'life', 'life-overdue', 'life-ledger', 'life-calendar', 'life-rules', 'xuexi', 'dues', 'scoring-inspections', 'scoring-assessment', 'scoring-checklists', 'commendations', 'points', 'points-entries', 'points-rules', 'integrity', 'integrity-self-checks', 'registry', 'coverage', 'visits', 'visit-plans', 'outreach-teams', 'outreach-areas', 'outreach-pairings', 'profile']],
    ['auditor', ['dashboard', 'figures', 'org', 'members', 'development', 'life', 'life-overdue', 'life-ledger', 'life-calendar', 'life-rules', 'xuexi', 'dues', 'scoring-inspections', 'scoring-assessment', 'scoring-checklists', 'commendations', 'points', 'points-entries', 'points-rules', 'integrity', 'integrity-self-checks', 'registry', 'coverage', 'visits', 'visit-plans', 'outreach-teams', 'outreach-areas', 'outreach-pairings', 'profile']],
    ['sysadmin', ['dashboard', 'user', 'profile']],
    ['secadmin', ['dashboard', 'role', 'policy', 'profile']],
    ['audadmin', ['dashboard', 'audit-log', 'profile']],
  ]
  for (const [role, want] of cases) {
    it(`${role} sees ${want.join(', ')}`, () => {
      expect(leaves(menuFor(roles[role]))).toEqual(want)
    })
  }

  it('健康帮扶 holds 建档立卡, the visits, 帮扶队, 分片负责 and 一对一结对, each by its own permission', () => {
    const group = (perms) => menuFor(perms).find((i) => i.group === 'health')
    expect(group(roles.outreach).title).toBe('健康帮扶')
    expect(group(roles.outreach).children).toEqual([
      expect.objectContaining({ route: 'registry', title: '建档立卡', path: '/health/registry' }),
      expect.objectContaining({ route: 'coverage' }),
      expect.objectContaining({ route: 'visits' }),
      expect.objectContaining({ route: 'visit-plans' }),
      expect.objectContaining({ route: 'outreach-teams', title: '帮扶队', path: '/health/outreach/teams' }),
      expect.objectContaining({ route: 'outreach-areas', title: '分片负责', path: '/health/outreach/areas' }),
      expect.objectContaining({ route: 'outreach-pairings', title: '一对一结对', path: '/health/outreach/pairings' }),
      expect.objectContaining({ route: 'field', title: '离线走访', path: '/field' }),
    ])
    expect(group(['health:outreach:list']).children.map((c) => c.route)).toEqual(['outreach-teams', 'outreach-areas', 'outreach-pairings'])
    expect(group(['health:registry:list']).children.map((c) => c.route)).toEqual(['registry'])
    expect(group(roles.secretary)).toBeUndefined()
  })

  it('drops a group with no allowed item', () => {
    expect(menuFor([]).some((i) => i.children)).toBe(false)
  })

  it('数据看板 is a top-level entry right after 首页', () => {
    const top = menuFor(roles.leader).map((i) => i.route || i.group)
    expect(top.slice(0, 3)).toEqual(['dashboard', 'figures', 'party'])
    expect(menuFor(roles.leader)[1]).toEqual(expect.objectContaining({ title: '数据看板', path: '/figures' }))
  })

  it('党建工作 holds 组织架构, 党员信息, 发展党员, 组织生活, 学习强国统计 and 量化记分与表彰, each by its own permission', () => {
    const group = (perms) => menuFor(perms).find((i) => i.group === 'party')
    expect(group(roles.secretary).title).toBe('党建工作')
    expect(group(roles.secretary).children).toEqual([
      expect.objectContaining({ route: 'org', title: '组织架构', path: '/party/org' }),
      expect.objectContaining({ route: 'members', title: '党员信息', path: '/party/members' }),
      expect.objectContaining({ route: 'development', title: '发展党员', path: '/party/development' }),
      expect.objectContaining({ route: 'life', title: '会议记录', path: '/party/life' }),
      expect.objectContaining({ route: 'life-overdue', title: '逾期未开展', path: '/party/life/overdue' }),
      expect.objectContaining({ route: 'life-ledger', title: '三会一课台账', path: '/party/life/ledger' }),
      expect.objectContaining({ route: 'life-calendar', title: '组织生活日历', path: '/party/life/calendar' }),
      expect.objectContaining({ route: 'life-rules', title: '频次规则', path: '/party/life/rules' }),
      expect.objectContaining({ route: 'xuexi', title: '学习强国统计', path: '/party/study/xuexi' }),
      expect.objectContaining({ route: 'dues', title: '党费管理', path: '/party/dues' }),
      expect.objectContaining({ route: 'scoring-inspections' }),
      expect.objectContaining({ route: 'scoring-assessment' }),
      expect.objectContaining({ route: 'scoring-checklists' }),
      expect.objectContaining({ route: 'commendations' }),
      expect.objectContaining({ route: 'points', title: '积分排名', path: '/party/points' }),
      expect.objectContaining({ route: 'points-entries', title: '加扣分审批', path: '/party/points/entries' }),
      expect.objectContaining({ route: 'points-rules', title: '积分规则', path: '/party/points/rules' }),
      expect.objectContaining({ route: 'integrity', title: '廉洁承诺书', path: '/party/integrity' }),
      expect.objectContaining({ route: 'integrity-self-checks', title: '九不准自查', path: '/party/integrity/self-checks' }),
    ])
    expect(group(['party:points:own']).children.map((c) => c.route)).toEqual(['my-points'])
    expect(group(['party:dues:list']).children.map((c) => c.route)).toEqual(['dues'])
    expect(group(['party:life:list']).children.map((c) => c.route)).toEqual(['life', 'life-overdue', 'life-ledger', 'life-calendar', 'life-rules', 'xuexi'])
    expect(group(['party:development:list']).children.map((c) => c.route)).toEqual(['development'])
    expect(group(['party:scoring:list']).children.map((c) => c.route)).toEqual(['scoring-inspections', 'scoring-assessment', 'scoring-checklists', 'commendations'])
    expect(group(['party:member:list']).children.map((c) => c.route)).toEqual(['members'])
    expect(group(['party:org:list']).children.map((c) => c.route)).toEqual(['org'])
    expect(group(['figures:view'])).toBeUndefined()
  })

  it('keeps the group with only the allowed items, titled and pathed from the route', () => {
    const group = menuFor(roles.audadmin).find((i) => i.children)
    expect(group.title).toBe('系统管理')
    expect(group.children).toEqual([expect.objectContaining({ route: 'audit-log', title: '审计日志', path: '/audit/log' })])
  })
})
