import { describe, expect, it } from 'vitest'
import { compactBody, requiredErrors } from '@/utils/form'
import { isStale, staleMessage } from '@/utils/stale'
import { problemToError } from '@/utils/problem'

describe('requiredErrors', () => {
  it('names the empty ones with their messages', () => {
    const form = { a: '', b: ' ', c: 'x', d: null, e: [], f: 0 }
    expect(requiredErrors(form, { a: 'A', b: 'B', c: 'C', d: 'D', e: 'E', f: 'F' })).toEqual({ a: 'A', b: 'B', d: 'D', e: 'E' })
  })
})

describe('compactBody', () => {
  it('trims and drops empty optional strings', () => {
    expect(compactBody({ a: ' x ', b: '', c: null, d: 0, e: false })).toEqual({ a: 'x', d: 0, e: false })
    expect(compactBody({ a: '' }, ['a'])).toEqual({ a: '' })
  })
})

describe('isStale', () => {
  it('a 409 on version is stale; another 409 field is not', () => {
    expect(isStale(problemToError(409, { errors: [{ field: 'version', message: '版本已变化' }] }))).toBe(true)
    expect(isStale(problemToError(409, { errors: [] }))).toBe(true)
    expect(isStale(problemToError(409, { errors: [{ field: 'id_number', message: '已有党员记录：张三（内科党支部）' }] }))).toBe(false)
    expect(isStale(problemToError(400, { errors: [{ field: 'version', message: 'x' }] }))).toBe(false)
    expect(staleMessage).toBe('信息已被他人修改，请刷新后重试')
  })
})
