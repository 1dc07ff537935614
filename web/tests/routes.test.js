import { describe, expect, it, vi } from 'vitest'

vi.mock('@/layout/index.vue', () => ({ default: { name: 'Layout' } }))
const { routes } = await import('@/router/routes')
const { menuTable } = await import('@/layout/menu')

const byName = new Map()
;(function collect(list, prefix) {
  for (const r of list) {
    const path = r.path.startsWith('/') ? r.path : `${prefix}/${r.path}`
    if (r.name) byName.set(r.name, { ...r, fullPath: path })
    if (r.children) collect(r.children, path === '/' ? '' : path)
  }
})(routes, '')

function leaves(table) {
  return table.flatMap((e) => (e.children ? leaves(e.children) : [e.route]))
}

describe('party and figures routes', () => {
  const cases = [
    ['figures', '/figures', '数据看板', 'figures:view'],
    ['org', '/party/org', '组织架构', 'party:org:list'],
    ['members', '/party/members', '党员信息', 'party:member:list'],
    ['member-detail', '/party/members/:id(\\d+)', '党员详情', 'party:member:list'],
    ['development', '/party/development', '发展党员', 'party:development:list'],
    ['development-detail', '/party/development/:id(\\d+)', '发展党员详情', 'party:development:list'],
    ['life', '/party/life', '会议记录', 'party:life:list'],
    ['life-overdue', '/party/life/overdue', '逾期未开展', 'party:life:list'],
    ['life-ledger', '/party/life/ledger', '三会一课台账', 'party:life:list'],
    ['life-calendar', '/party/life/calendar', '组织生活日历', 'party:life:list'],
    ['life-rules', '/party/life/rules', '频次规则', 'party:life:list'],
    ['scoring-inspections', '/party/scoring/inspections', '支部检查评分', 'party:scoring:list'],
    ['scoring-assessment', '/party/scoring/assessment', '年度考核排名', 'party:scoring:list'],
    ['scoring-checklists', '/party/scoring/checklists', '检查表', 'party:scoring:list'],
    ['commendations', '/party/commendations', '表彰', 'party:scoring:list'],
  ]
  for (const [name, path, title, permi] of cases) {
    it(`${name} at ${path} needs ${permi}`, () => {
      const r = byName.get(name)
      expect(r).toBeDefined()
      expect(r.fullPath).toBe(path)
      expect(r.meta).toMatchObject({ title, permi })
      expect(typeof r.component).toBe('function')
    })
  }

  it('every menu entry names a route; the detail page is not in the menu but marks 党员信息', () => {
    for (const name of leaves(menuTable)) expect(byName.has(name), name).toBe(true)
    expect(leaves(menuTable)).not.toContain('member-detail')
    expect(byName.get('member-detail').meta.activeMenu).toBe('members')
    expect(leaves(menuTable)).not.toContain('development-detail')
    expect(byName.get('development-detail').meta.activeMenu).toBe('development')
  })
})
