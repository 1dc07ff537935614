import { describe, expect, it } from 'vitest'
import { candidateFilters, filtersFromQuery, queryFromFilters, roleTag, viewOf } from '@/views/party/development/query'
import { fieldsOf, nextStep, reasonAsked, recordBody, recordForm, timeline, violationText } from '@/views/party/development/steps'

const step = (number, stage, extra = {}) => ({ number, title: `步骤${number}`, stage, stage_title: `阶段${stage}`, people_role: '', min_people: 0, max_people: 0, training: false, vote: false, conclusion: false, extension: false, repeatable: false, ...extra })

describe('development list query', () => {
  it('an empty address is the default list; view is the page’s, not a filter', () => {
    expect(filtersFromQuery({ view: 'due' })).toEqual({ ...candidateFilters, page: 1, size: 20, sort: undefined })
  })
  it('a figure records URL fills its filters', () => {
    const q = filtersFromQuery({ org: '7', became: '积极分子', from: '2025-01-01', to: '2025-12-31' })
    expect(q).toMatchObject({ org: 7, became: '积极分子', from: '2025-01-01', to: '2025-12-31', role: '' })
  })
  it('round-trips through the address without empty filters', () => {
    expect(queryFromFilters({ ...candidateFilters, role: '发展对象', page: 1, size: 20 })).toEqual({ role: '发展对象' })
  })
  it('view defaults to the list; unknown views too', () => {
    expect(viewOf({})).toBe('list')
    expect(viewOf({ view: 'violations' })).toBe('violations')
    expect(viewOf({ view: 'x' })).toBe('list')
  })
  it('role tags', () => {
    expect(roleTag('预备党员')).toBe('danger')
    expect(roleTag('x')).toBe('info')
  })
})

describe('timeline', () => {
  const steps = [step(1, 1), step(2, 1, { people_role: '谈话人' }), step(3, 2), step(6, 2, { repeatable: true })]
  const detail = {
    records: [
      { id: 5, step: 6, date: '2025-09-01', state: 'active', violations: [] },
      { id: 4, step: 6, date: '2025-03-01', state: 'active', violations: [] },
      { id: 2, step: 2, date: '2025-01-20', state: 'void', violations: [] },
      { id: 3, step: 2, date: '2025-02-20', state: 'active', violations: [{ code: 'talk_late', explained: true }] },
      { id: 1, step: 1, date: '2025-01-01', state: 'active', violations: [] },
    ],
    next_due: [{ step: 6, due_on: '2026-03-01', overdue: false }],
  }
  const t = timeline(steps, detail)
  it('groups steps by stage in order', () => {
    expect(t.map((s) => s.stage)).toEqual([1, 2])
    expect(t[0].title).toBe('阶段1')
    expect(t[1].steps.map((s) => s.number)).toEqual([3, 6])
  })
  it('puts a step’s records in date order, void ones last, and only active ones count', () => {
    const s2 = t[0].steps[1]
    expect(s2.records.map((r) => r.id)).toEqual([3, 2])
    expect(s2.done).toBe(true)
    expect(s2.violations).toEqual([{ code: 'talk_late', explained: true }])
    expect(t[1].steps[1].records.map((r) => r.id)).toEqual([4, 5])
  })
  it('marks what is due and what is not recorded', () => {
    expect(t[1].steps[0].done).toBe(false)
    expect(t[1].steps[1].due).toEqual({ step: 6, due_on: '2026-03-01', overdue: false })
    expect(t[0].steps[0].due).toBe(null)
  })
  it('an empty person', () => {
    expect(timeline(steps, null)[0].steps.every((s) => !s.done)).toBe(true)
    expect(timeline([], {})).toEqual([])
  })
})

describe('record form and body', () => {
  it('the next step follows the last recorded one, at most 25', () => {
    expect(nextStep({ last_step: 0 })).toBe(1)
    expect(nextStep({ last_step: 14 })).toBe(15)
    expect(nextStep({ last_step: 25 })).toBe(25)
  })
  it('a step shows only what it records', () => {
    expect(fieldsOf(step(15, 4, { vote: true, conclusion: true }))).toEqual({ people: false, training: false, vote: true, conclusion: true, extension: false })
    expect(fieldsOf(null).people).toBe(false)
  })
  it('the body holds the step’s own fields, people from the roster and by name', () => {
    const s = step(9, 3, { people_role: '入党介绍人' })
    const form = { ...recordForm(s), date: '2025-05-01', member_ids: [3, 4], names: [' 外单位 ', ''], voting: 9, reason: '  ' }
    expect(recordBody(form, s)).toEqual({ step: 9, date: '2025-05-01', people: [{ member_id: 3 }, { member_id: 4 }, { name: '外单位' }] })
  })
  it('vote, training and extension fields when the step has them', () => {
    const s = step(23, 5, { vote: true, conclusion: true, extension: true })
    const form = { ...recordForm(s), date: '2025-05-01', voting: 10, present: 8, in_favour: 7, extension_months: 6, reason: '继续考察', conclusion: ' 延长 ' }
    expect(recordBody(form, s)).toEqual({ step: 23, date: '2025-05-01', voting: 10, present: 8, in_favour: 7, extension_months: 6, reason: '继续考察', conclusion: '延长' })
  })
  it('a correction starts from the record', () => {
    const r = { step: 2, date: '2025-01-20', unit_id: 5, people: [{ member_id: 7, name: '甲' }, { member_id: null, name: '乙' }], documents: ['谈话记录'], reason: '出差' }
    expect(recordForm(step(2, 1), r)).toMatchObject({ step: 2, date: '2025-01-20', unit_id: 5, member_ids: [7], names: ['乙'], documents: ['谈话记录'], reason: '出差', change_reason: '' })
  })
  it('tells a refusal that asks for a reason', () => {
    expect(reasonAsked({ errors: [{ field: 'reason', message: '谈话超过一个月' }, { field: 'date', message: 'x' }] })).toEqual(['谈话超过一个月'])
    expect(reasonAsked({ errors: [] })).toEqual([])
    expect(reasonAsked(null)).toEqual([])
  })
  it('violation text', () => {
    expect(violationText({ step: 2, step_title: '党组织派人谈话', message: '超过一个月' })).toBe('第2步「党组织派人谈话」：超过一个月')
  })
})
