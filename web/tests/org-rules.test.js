import { describe, expect, it } from 'vitest'
import { checkCommittee, committeeBody, initialRows, memberOptions } from '@/views/party/org/committee'
import { allowedChildKinds, defaultTermYears, warningLevel } from '@/views/party/org/options'

describe('allowedChildKinds', () => {
  const kinds = (parent) => allowedChildKinds(parent).map((k) => k.value)
  it('follows CheckChildKind', () => {
    expect(kinds('committee')).toEqual(['committee', 'general_branch', 'branch'])
    expect(kinds('general_branch')).toEqual(['branch'])
    expect(kinds('branch')).toEqual(['group'])
    expect(kinds('group')).toEqual([])
    expect(kinds(undefined)).toEqual([])
  })
  it('a 党委 under a 党委 is a 医共体 member hospital', () => {
    expect(allowedChildKinds('committee').find((k) => k.value === 'committee').label).toContain('医共体')
  })
})

describe('defaultTermYears and warning levels', () => {
  it('5 years for a 党委, 3 otherwise', () => {
    expect(defaultTermYears('committee')).toBe(5)
    expect(defaultTermYears('branch')).toBe(3)
    expect(defaultTermYears('general_branch')).toBe(3)
  })
  it('overdue or missing is red, the rest orange', () => {
    expect(warningLevel('term_expired')).toBe('danger')
    expect(warningLevel('term_ending')).toBe('warning')
    expect(warningLevel('something_new')).toBe('warning')
  })
})

describe('checkCommittee', () => {
  const form = (members, elected_on = '2025-03-15') => ({ elected_on, term_years: 3, members, note: '' })

  it('one 书记 and members chosen passes', () => {
    expect(checkCommittee(form([{ member_id: 1, post: '书记' }, { member_id: 2, post: '组织委员' }]))).toEqual({})
  })

  it('needs the date', () => {
    expect(checkCommittee(form([{ member_id: 1, post: '书记' }], ''))).toEqual({ elected_on: '请选择选举日期' })
  })

  it('exactly one 书记', () => {
    expect(checkCommittee(form([{ member_id: 1, post: '副书记' }])).members).toBe('须有且只有一名书记')
    expect(checkCommittee(form([{ member_id: 1, post: '书记' }, { member_id: 2, post: '书记' }])).members).toBe('须有且只有一名书记')
  })

  it('1 to 9 members', () => {
    expect(checkCommittee(form([])).members).toMatch(/1-9/)
    const ten = Array.from({ length: 10 }, (_, i) => ({ member_id: i + 1, post: i ? '委员' : '书记' }))
    expect(checkCommittee(form(ten)).members).toMatch(/1-9/)
  })

  it('each row names its own field', () => {
    const errors = checkCommittee(form([{ member_id: 1, post: '书记' }, { member_id: null, post: '' }, { member_id: 1, post: '委员' }]))
    expect(errors).toEqual({
      'members[1].member_id': '请选择党员',
      'members[1].post': '请选择职务',
      'members[2].member_id': '同一党员不能重复',
    })
  })
})

describe('initialRows and committeeBody', () => {
  it('starts from the current committee, else one 书记 row', () => {
    const unit = {
      committees: [
        { id: 2, superseded_at: null, members: [{ member_id: 7, name: '甲', post: '书记' }, { member_id: 8, name: '乙', post: '委员' }] },
        { id: 1, superseded_at: '2024-01-01T00:00:00Z', members: [{ member_id: 9, name: '丙', post: '书记' }] },
      ],
    }
    expect(initialRows(unit)).toEqual([{ member_id: 7, post: '书记', name: '甲' }, { member_id: 8, post: '委员', name: '乙' }])
    expect(initialRows({ committees: [] })).toEqual([{ member_id: null, post: '书记' }])
    expect(initialRows(null)).toEqual([{ member_id: null, post: '书记' }])
  })

  it('sends the rows, the term, and a note only when given', () => {
    const body = committeeBody({ elected_on: '2025-03-15', term_years: 3, members: [{ member_id: 7, post: '书记', extra: 1 }], note: '  ' })
    expect(body).toEqual({ elected_on: '2025-03-15', term_years: 3, members: [{ member_id: 7, post: '书记' }] })
    expect(committeeBody({ elected_on: '2025-03-15', term_years: 5, members: [], note: ' 党员大会选举 ' }).note).toBe('党员大会选举')
  })
})

describe('memberOptions', () => {
  it('the members found, then those already chosen that were not found', () => {
    const found = [{ id: 1, name: '王丽娟', unit_name: '内科党支部' }]
    const rows = [{ member_id: 1, post: '书记', name: '王丽娟' }, { member_id: 9, post: '委员', name: '周敏' }, { member_id: null, post: '委员' }]
    expect(memberOptions(found, rows)).toEqual([
      { value: 1, label: '王丽娟（内科党支部）' },
      { value: 9, label: '周敏' },
    ])
  })
})
