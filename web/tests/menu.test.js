import { describe, expect, it } from 'vitest'
import { buildMenu, menuTable } from '@/layout/menu'
import { hasAnyPermi } from '@/utils/permission'

const meta = {
  dashboard: { path: '/index', meta: { title: '首页' } },
  figures: { path: '/figures', meta: { title: '数据看板', permi: 'figures:view' } },
  org: { path: '/party/org', meta: { title: '组织架构', permi: 'party:org:list' } },
  members: { path: '/party/members', meta: { title: '党员信息', permi: 'party:member:list' } },
  development: { path: '/party/development', meta: { title: '发展党员', permi: 'party:development:list' } },
  user: { path: '/system/user', meta: { title: '用户管理', permi: 'system:user:list' } },
  role: { path: '/system/role', meta: { title: '角色权限', permi: 'security:role:list' } },
  policy: { path: '/system/policy', meta: { title: '安全策略', permi: 'security:policy:view' } },
  'audit-log': { path: '/audit/log', meta: { title: '审计日志', permi: 'audit:log:list' } },
  profile: { path: '/profile', meta: { title: '个人中心' } },
}

function leaves(items) {
  return items.flatMap((i) => (i.children ? leaves(i.children) : [i.route]))
}

function menuFor(permissions) {
  return buildMenu(menuTable, (name) => meta[name], (p) => hasAnyPermi(permissions, p))
}

// The built-in roles (src/platform/auth/permissions.cpp, docs/platform-api.md, docs/party-api.md).
const party = ['party:org:list', 'party:member:list', 'party:development:list']
const roles = {
  member: [],
  outreach: [],
  admin: [...party, 'party:org:edit', 'party:member:add', 'party:member:edit', 'party:member:transfer', 'party:member:pii', 'party:member:import', 'party:member:export', 'figures:view'],
  secretary: [...party, 'party:member:add', 'party:member:edit', 'party:member:export', 'figures:view'],
  leader: [...party, 'figures:view'],
  auditor: [...party, 'figures:view', 'scope:subtree:read'],
  sysadmin: ['system:user:list', 'system:user:add', 'system:user:edit', 'system:user:lock', 'system:user:reset-password', 'system:user:pii', 'system:config:view'],
  secadmin: ['security:role:list', 'security:role:edit', 'security:user:assign', 'security:policy:view', 'security:policy:edit'],
  audadmin: ['audit:log:list', 'audit:log:verify'],
}

describe('buildMenu', () => {
  const cases = [
    ['member', ['dashboard', 'profile']],
    ['outreach', ['dashboard', 'profile']],
    ['admin', ['dashboard', 'figures', 'org', 'members', 'development', 'profile']],
    ['secretary', ['dashboard', 'figures', 'org', 'members', 'development', 'profile']],
    ['leader', ['dashboard', 'figures', 'org', 'members', 'development', 'profile']],
    ['auditor', ['dashboard', 'figures', 'org', 'members', 'development', 'profile']],
    ['sysadmin', ['dashboard', 'user', 'profile']],
    ['secadmin', ['dashboard', 'role', 'policy', 'profile']],
    ['audadmin', ['dashboard', 'audit-log', 'profile']],
  ]
  for (const [role, want] of cases) {
    it(`${role} sees ${want.join(', ')}`, () => {
      expect(leaves(menuFor(roles[role]))).toEqual(want)
    })
  }

  it('drops a group with no allowed item', () => {
    expect(menuFor([]).some((i) => i.children)).toBe(false)
  })

  it('数据看板 is a top-level entry right after 首页', () => {
    const top = menuFor(roles.leader).map((i) => i.route || i.group)
    expect(top.slice(0, 3)).toEqual(['dashboard', 'figures', 'party'])
    expect(menuFor(roles.leader)[1]).toEqual(expect.objectContaining({ title: '数据看板', path: '/figures' }))
  })

  it('党建工作 holds 组织架构, 党员信息 and 发展党员, each by its own permission', () => {
    const group = (perms) => menuFor(perms).find((i) => i.group === 'party')
    expect(group(roles.secretary).title).toBe('党建工作')
    expect(group(roles.secretary).children).toEqual([
      expect.objectContaining({ route: 'org', title: '组织架构', path: '/party/org' }),
      expect.objectContaining({ route: 'members', title: '党员信息', path: '/party/members' }),
      expect.objectContaining({ route: 'development', title: '发展党员', path: '/party/development' }),
    ])
    expect(group(['party:development:list']).children.map((c) => c.route)).toEqual(['development'])
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
