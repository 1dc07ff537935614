import { describe, expect, it } from 'vitest'
import { attendanceBody, filtersFromQuery, overdueByUnit, queryFromFilters, quorumPreview, typeTitle } from '@/views/party/life/meetings'

const roll = [
  { member_id: 1, name: '陈建国', status: '正式' },
  { member_id: 2, name: '王丽娟', status: '正式' },
  { member_id: 3, name: '李娜', status: '预备' },
]

describe('attendanceBody', () => {
  it('counts members without a mark as came, and leaves the reason out when the roll is kept', () => {
    const b = attendanceBody(roll, { 2: { came: false, reason: '病假', note: '' } }, undefined, '忽略')
    expect(b).toEqual({ should: [1, 2, 3], should_reason: '', came: [1, 3], absent: [{ member_id: 2, reason: '病假', note: '' }] })
  })
  it('sends the reason when the should-attend list was edited', () => {
    const b = attendanceBody(roll, {}, [1, 2], '一名党员外派')
    expect(b.should).toEqual([1, 2])
    expect(b.should_reason).toBe('一名党员外派')
    expect(b.came).toEqual([1, 2])
  })
})

describe('quorumPreview', () => {
  it('is more than half of the 正式党员, 预备党员 have no vote', () => {
    expect(quorumPreview(roll, {})).toEqual({ voting: 2, present: 2, needed: 2, has_quorum: true })
    expect(quorumPreview(roll, { 1: { came: false } })).toEqual({ voting: 2, present: 1, needed: 2, has_quorum: false })
    expect(quorumPreview([], {}).has_quorum).toBe(false)
  })
})

describe('filters in the address and helpers', () => {
  it('round-trips the list filters', () => {
    const q = filtersFromQuery({ org: '5', type: 'theme_day', from: '2026-07-01', page: '2' })
    expect(q.org).toBe(5)
    expect(q.type).toBe('theme_day')
    expect(queryFromFilters(q)).toEqual({ org: '5', type: 'theme_day', from: '2026-07-01', page: '2' })
  })
  it('names types and groups overdue gaps by unit', () => {
    expect(typeTitle('branch_assembly')).toBe('支部党员大会')
    expect(typeTitle('x')).toBe('x')
    expect(overdueByUnit([{ unit_id: 7, missing: [{ message: '2026年第三季度未召开支部党员大会' }] }])).toEqual({ 7: ['2026年第三季度未召开支部党员大会'] })
  })
})
