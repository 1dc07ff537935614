import { describe, expect, it } from 'vitest'
import { attachmentProblem, byDay, cadenceRows, cellItems, formatSize, itemTagType, monthRange, ruleErrors, rulesForSave, stateTagType } from '@/views/party/life/lifeViews'

describe('monthRange', () => {
  it('gives the first and last day of the month', () => {
    expect(monthRange('2026-02-14')).toEqual({ from: '2026-02-01', to: '2026-02-28' })
    expect(monthRange('2024-02-29')).toEqual({ from: '2024-02-01', to: '2024-02-29' })
    expect(monthRange('2026-12-31')).toEqual({ from: '2026-12-01', to: '2026-12-31' })
    expect(monthRange(new Date(2026, 0, 9))).toEqual({ from: '2026-01-01', to: '2026-01-31' })
  })
})

describe('byDay', () => {
  it('groups meetings, plans and due items by their day', () => {
    const cal = { meetings: [{ id: 1, date: '2026-03-02' }, { id: 2, date: '2026-03-02' }], plans: [{ id: 9, date: '2026-03-10' }], due: [{ date: '2026-03-10', message: 'x' }] }
    expect(byDay(cal)).toEqual({
      '2026-03-02': { meetings: [{ id: 1, date: '2026-03-02' }, { id: 2, date: '2026-03-02' }], plans: [], due: [] },
      '2026-03-10': { meetings: [], plans: [{ id: 9, date: '2026-03-10' }], due: [{ date: '2026-03-10', message: 'x' }] },
    })
    expect(byDay(null)).toEqual({})
  })
})

describe('ledger helpers', () => {
  it('flattens the cadence to one row per unit and rule', () => {
    const rows = cadenceRows([{ unit_id: 5, unit_name: '内科党支部', rules: [{ meeting_type: 'branch_assembly', period: 'quarter', presenter_role: null, title: 't', periods: [1] }] }])
    expect(rows).toEqual([{ key: '5:branch_assembly::quarter', unit_name: '内科党支部', title: 't', periods: [1] }])
    expect(cadenceRows()).toEqual([])
  })
  it('colours a missed period red', () => {
    expect(stateTagType('missed')).toBe('danger')
    expect(stateTagType('met')).toBe('success')
    expect(stateTagType('other')).toBe('info')
  })
})

describe('cadence rules', () => {
  it('sends only the rule fields', () => {
    expect(rulesForSave([{ meeting_type: 'theme_day', type_title: '主题党日', applies_to: 'branch', applies_to_title: '党支部', period: 'month', min_count: 1, presenter_role: null, fixed_day: undefined, needs_committee: 0 }]))
      .toEqual([{ meeting_type: 'theme_day', applies_to: 'branch', period: 'month', min_count: 1, presenter_role: '', fixed_day: 0, needs_committee: false }])
  })
  it('puts errors on their row and field', () => {
    expect(ruleErrors([{ field: 'rules[2].min_count', message: 'a' }, { field: 'rules[3]', message: 'b' }, { field: 'rules', message: 'c' }]))
      .toEqual({ 2: { min_count: 'a' }, 3: { rule: 'b' }, '-1': { rule: 'c' } })
  })
})

describe('cellItems', () => {
  it('shows due items first, at most two, the rest as text', () => {
    const day = {
      meetings: [{ id: 1, type_title: '党小组会', start_time: '14:30', unit_name: '一组', topic: 'a' }, { id: 2, type_title: '党小组会', start_time: '15:00', unit_name: '二组', topic: 'b' }],
      due: [{ type_title: '主题党日', unit_name: '内科党支部', message: '尚需开展主题党日1次' }],
    }
    const c = cellItems(day)
    expect(c.shown.map((x) => [x.kind, x.label])).toEqual([['due', '主题党日'], ['meeting', '党小组会']])
    expect(c.more).toEqual(['已召开 15:00 二组：b'])
    expect(cellItems(undefined)).toEqual({ shown: [], more: [] })
  })
  it('puts plans between what is owed and what was held; an overdue plan is red', () => {
    const day = {
      meetings: [{ id: 1, type_title: '党小组会', start_time: '14:30', unit_name: '一组', topic: 'a' }],
      plans: [
        { id: 7, type_title: '党课', start_time: '15:00', unit_name: '内科党支部', topic: '讲党课', overdue: true },
        { id: 8, type_title: '支委会', start_time: '12:00', unit_name: '外科党支部', topic: '研究', overdue: false },
      ],
      due: [],
    }
    const c = cellItems(day)
    expect(c.shown.map((x) => [x.kind, x.label])).toEqual([['overdue', '计划·党课'], ['plan', '计划·支委会']])
    expect(c.shown[0].plan.id).toBe(7)
    expect(c.more).toEqual(['已召开 14:30 一组：a'])
    expect(itemTagType('overdue')).toBe('danger')
    expect(itemTagType('plan')).toBe('success')
    expect(itemTagType('due')).toBe('warning')
  })
})

describe('attachments', () => {
  it('refuses what the server would refuse by name and size', () => {
    expect(attachmentProblem({ name: '记录.PDF', size: 10 })).toBe('')
    expect(attachmentProblem({ name: 'a.jpeg', size: 10 * 1024 * 1024 })).toBe('')
    expect(attachmentProblem({ name: 'a.jpeg', size: 10 * 1024 * 1024 + 1 })).toBe('文件不能超过 10 MB')
    expect(attachmentProblem({ name: 'a.exe', size: 10 })).toMatch(/^文件类型不支持/)
    expect(attachmentProblem({ name: 'a.pdf', size: 0 })).toBe('文件为空，请重新选择')
    expect(attachmentProblem(null)).toBe('请选择文件')
  })
  it('formats sizes', () => {
    expect(formatSize(500)).toBe('500 B')
    expect(formatSize(1536)).toBe('1.5 KB')
    expect(formatSize(3 * 1024 * 1024)).toBe('3.0 MB')
  })
})
