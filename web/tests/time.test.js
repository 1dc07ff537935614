import { describe, expect, it } from 'vitest'
import { beijingNow, formatTime, toApiTime } from '@/utils/time'

describe('formatTime', () => {
  it('shows UTC in Beijing time', () => {
    expect(formatTime('2026-11-24T08:30:00Z')).toBe('2026-11-24 16:30:00')
  })
  it('crosses midnight', () => {
    expect(formatTime('2026-12-31T17:00:00Z')).toBe('2027-01-01 01:00:00')
  })
  it('empty for no time', () => {
    expect(formatTime(null)).toBe('')
    expect(formatTime('')).toBe('')
  })
  it('shows an unreadable value as it is', () => {
    expect(formatTime('not a time')).toBe('not a time')
  })
})

describe('toApiTime', () => {
  it('an instant as UTC ISO 8601 without milliseconds', () => {
    expect(toApiTime(new Date(Date.UTC(2026, 10, 24, 8, 30, 0, 123)))).toBe('2026-11-24T08:30:00Z')
  })
  it('nothing for no date', () => {
    expect(toApiTime(null)).toBeUndefined()
  })
})

describe('beijingNow', () => {
  it('is eight hours ahead of UTC', () => {
    const now = beijingNow()
    expect(now.utcOffset()).toBe(480)
    expect(Math.abs(now.valueOf() - Date.now())).toBeLessThan(5_000)
  })
})
