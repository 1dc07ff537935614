import { describe, expect, it } from 'vitest'
import { buildMenu, menuTable } from '@/layout/menu'
import { hasAnyPermi } from '@/utils/permission'

const meta = {
  dashboard: { path: '/index', meta: { title: '首页' } },
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

// The demo roles of docs/platform-api.md.
const roles = {
  member: [],
  admin: ['party:org:list'],
  sysadmin: ['system:user:list', 'system:user:add', 'system:user:edit', 'system:user:lock', 'system:user:reset-password', 'system:user:pii', 'system:config:view'],
  secadmin: ['security:role:list', 'security:role:edit', 'security:user:assign', 'security:policy:view', 'security:policy:edit', 'party:org:list'],
  audadmin: ['audit:log:list', 'audit:log:verify'],
}

describe('buildMenu', () => {
  const cases = [
    ['member', ['dashboard', 'profile']],
    ['admin', ['dashboard', 'profile']],
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

  it('keeps the group with only the allowed items, titled and pathed from the route', () => {
    const group = menuFor(roles.audadmin).find((i) => i.children)
    expect(group.title).toBe('系统管理')
    expect(group.children).toEqual([expect.objectContaining({ route: 'audit-log', title: '审计日志', path: '/audit/log' })])
  })
})
