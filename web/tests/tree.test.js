import { describe, expect, it } from 'vitest'
import { buildOrgTree, memberUnitTree, unitMatches, unitsToTree } from '@/utils/tree'

describe('unitsToTree', () => {
  it('nests units under their parents and keeps the order', () => {
    const units = [
      { id: 1, parent_id: null, name: '医院党委' },
      { id: 5, parent_id: 1, name: '内科党总支' },
      { id: 23, parent_id: 5, name: '心内科党支部' },
      { id: 6, parent_id: 1, name: '外科党总支' },
    ]
    expect(unitsToTree(units)).toEqual([
      {
        value: 1,
        label: '医院党委',
        children: [
          { value: 5, label: '内科党总支', children: [{ value: 23, label: '心内科党支部', children: [] }] },
          { value: 6, label: '外科党总支', children: [] },
        ],
      },
    ])
  })

  it('a unit whose parent is outside the scope is a root', () => {
    const units = [
      { id: 5, parent_id: 1, name: '内科党总支' },
      { id: 6, parent_id: 1, name: '外科党总支' },
    ]
    expect(unitsToTree(units).map((n) => n.label)).toEqual(['内科党总支', '外科党总支'])
  })

  it('no units, no tree', () => {
    expect(unitsToTree([])).toEqual([])
  })
})

describe('unitsToTree with disabled units', () => {
  it('marks only the units the caller refuses', () => {
    const units = [
      { id: 1, parent_id: null, name: '医院党委', kind: 'committee' },
      { id: 23, parent_id: 1, name: '心内科党支部', kind: 'branch' },
      { id: 24, parent_id: 23, name: '第一党小组', kind: 'group' },
    ]
    expect(memberUnitTree(units)).toEqual([
      {
        value: 1,
        label: '医院党委',
        disabled: true,
        children: [{ value: 23, label: '心内科党支部', children: [{ value: 24, label: '第一党小组', children: [] }] }],
      },
    ])
  })
})

describe('buildOrgTree', () => {
  const unit = (id, parent_id, name, extra = {}) => ({ id, parent_id, name, kind: 'branch', members: 0, warnings: [], ...extra })

  it('nests the flat list by parent_id, keeping every field and the order', () => {
    const units = [
      unit(1, null, '医院党委', { kind: 'committee', members: 120 }),
      unit(5, 1, '内科党总支', { kind: 'general_branch', members: 60 }),
      unit(23, 5, '心内科党支部', { members: 34, secretary: { member_id: 77, name: '陈建国' } }),
      unit(24, 5, '消化内科党支部', { members: 26 }),
      unit(6, 1, '外科党支部', { members: 60 }),
    ]
    const [root] = buildOrgTree(units)
    expect(root.name).toBe('医院党委')
    expect(root.members).toBe(120)
    expect(root.children.map((c) => c.name)).toEqual(['内科党总支', '外科党支部'])
    expect(root.children[0].children.map((c) => c.id)).toEqual([23, 24])
    expect(root.children[0].children[0].secretary.name).toBe('陈建国')
  })

  it('counts units and warned units over each subtree', () => {
    const units = [
      unit(1, null, '医院党委', { kind: 'committee' }),
      unit(5, 1, '内科党总支', { kind: 'general_branch', warnings: [{ code: 'secretary_missing', message: '未配备书记' }] }),
      unit(23, 5, '心内科党支部', { warnings: [{ code: 'term_expired', message: '换届逾期' }, { code: 'branch_too_large', message: '超过50人' }] }),
      unit(24, 5, '消化内科党支部'),
      unit(6, 1, '外科党支部'),
    ]
    const [root] = buildOrgTree(units)
    const general = root.children[0]
    expect([root.unitCount, root.childCount, root.warningUnits]).toEqual([5, 2, 2])
    expect([general.unitCount, general.childCount, general.warningUnits]).toEqual([3, 2, 2])
    expect([general.children[0].unitCount, general.children[0].childCount, general.children[0].warningUnits]).toEqual([1, 0, 1])
    expect(root.children[1].warningUnits).toBe(0)
  })

  it('units whose parent is outside the scope are roots; missing warnings become empty', () => {
    const units = [
      { id: 5, parent_id: 1, name: '内科党总支', kind: 'general_branch' },
      { id: 23, parent_id: 5, name: '心内科党支部', kind: 'branch' },
      { id: 6, parent_id: 1, name: '外科党支部', kind: 'branch' },
    ]
    const roots = buildOrgTree(units)
    expect(roots.map((r) => r.id)).toEqual([5, 6])
    expect(roots[0].warnings).toEqual([])
    expect(roots[0].unitCount).toBe(2)
  })

  it('does not change the units given', () => {
    const units = [unit(1, null, '医院党委'), unit(2, 1, '支部')]
    buildOrgTree(units)
    expect(units[0].children).toBeUndefined()
  })

  it('no units, no tree', () => {
    expect(buildOrgTree([])).toEqual([])
  })
})

describe('unitMatches', () => {
  const warned = { name: '心内科党支部', warnings: [{ code: 'term_ending', message: '' }] }
  const calm = { name: '外科党支部', warnings: [] }
  const cases = [
    ['no filter', calm, {}, true],
    ['name contains', warned, { q: '内科' }, true],
    ['name does not contain', calm, { q: '内科' }, false],
    ['blanks around the text', warned, { q: '  心内 ' }, true],
    ['warnings only, has one', warned, { warningsOnly: true }, true],
    ['warnings only, has none', calm, { warningsOnly: true }, false],
    ['both', warned, { q: '外科', warningsOnly: true }, false],
  ]
  for (const [name, unit, filter, want] of cases) {
    it(name, () => expect(unitMatches(unit, filter)).toBe(want))
  }
})
