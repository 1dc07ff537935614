import { describe, expect, it } from 'vitest'
import { monthTitle, rateLevel, thisMonth } from '@/views/party/study/xuexi'

describe('学习强国 page helpers', () => {
  it('this month is Shanghai time: 16:30 UTC on the last day is already next month', () => {
    expect(thisMonth(new Date('2026-10-31T16:30:00Z'))).toBe('2026-11')
    expect(thisMonth(new Date('2026-10-31T15:59:00Z'))).toBe('2026-10')
  })
  it('month titles in Chinese', () => {
    expect(monthTitle('2026-03')).toBe('2026年3月')
    expect(monthTitle('')).toBe('')
    expect(monthTitle('abc')).toBe('abc')
  })
  it('rate levels at their boundaries', () => {
    expect(rateLevel(599)).toBe('danger')
    expect(rateLevel(600)).toBe('warning')
    expect(rateLevel(799)).toBe('warning')
    expect(rateLevel(800)).toBe('success')
    expect(rateLevel(null)).toBe('info')
  })
})
