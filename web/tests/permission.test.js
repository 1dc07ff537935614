import { describe, expect, it } from 'vitest'
import { hasAnyPermi } from '@/utils/permission'

describe('hasAnyPermi', () => {
  const owned = ['system:user:list', 'system:user:add']
  const cases = [
    ['one held code', 'system:user:list', true],
    ['one missing code', 'security:role:list', false],
    ['a list with one held', ['security:role:list', 'system:user:add'], true],
    ['a list with none held', ['security:role:list', 'audit:log:list'], false],
    ['nothing required', undefined, true],
    ['null required', null, true],
    ['empty list', [], true],
    ['no prefix matching', 'system:user', false],
    ['no wildcard', '*:*:*', false],
  ]
  for (const [name, required, want] of cases) {
    it(name, () => {
      expect(hasAnyPermi(owned, required)).toBe(want)
      expect(hasAnyPermi(new Set(owned), required)).toBe(want)
    })
  }

  it('a user without permissions gets only unrestricted things', () => {
    expect(hasAnyPermi([], 'system:user:list')).toBe(false)
    expect(hasAnyPermi(undefined, 'system:user:list')).toBe(false)
    expect(hasAnyPermi(undefined, undefined)).toBe(true)
  })
})
