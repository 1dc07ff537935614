import { describe, expect, it } from 'vitest'
import { defaultSortOf, filtersFromQuery, memberFilters, queryFromFilters, sameQuery, sortOf } from '@/views/party/members/query'

describe('filtersFromQuery', () => {
  it('an empty address is the default list', () => {
    expect(filtersFromQuery({})).toEqual({ ...memberFilters, page: 1, size: 20, sort: undefined })
  })

  it('a figure records query fills exactly those filters, org as a number', () => {
    const q = filtersFromQuery({ org: '5', status: '预备', age_band: 'le30' })
    expect(q.org).toBe(5)
    expect(q.status).toBe('预备')
    expect(q.age_band).toBe('le30')
    expect(q.sex).toBe('')
    expect(q.page).toBe(1)
  })

  it('reads page, size and sort; bad numbers fall back', () => {
    expect(filtersFromQuery({ page: '3', size: '50', sort: '-joined_on' })).toMatchObject({ page: 3, size: 50, sort: '-joined_on' })
    expect(filtersFromQuery({ page: 'x', size: '0' })).toMatchObject({ page: 1, size: 20 })
  })

  it('keeps keys the page does not know, so the list asks what the link asked', () => {
    expect(filtersFromQuery({ org: '1', future: 'x' }).future).toBe('x')
  })

  it('takes the first of a repeated key', () => {
    expect(filtersFromQuery({ status: ['正式', '预备'] }).status).toBe('正式')
  })
})

describe('queryFromFilters', () => {
  it('leaves out empty filters, page 1 and the default size', () => {
    const q = { ...memberFilters, org: 5, status: '正式', hardship: '1', page: 1, size: 20, sort: undefined }
    expect(queryFromFilters(q)).toEqual({ org: '5', status: '正式', hardship: '1' })
  })

  it('keeps another page, size and the sort', () => {
    expect(queryFromFilters({ ...memberFilters, page: 2, size: 50, sort: 'name' })).toEqual({ page: '2', size: '50', sort: 'name' })
  })

  it('round-trips a figure records query', () => {
    const route = { org: '12', direct: '1', to: '2025-06-30', post: 'any' }
    expect(queryFromFilters(filtersFromQuery(route))).toEqual(route)
  })
})

describe('sameQuery', () => {
  it('ignores order, defaults and number/string differences', () => {
    expect(sameQuery({ org: 5, status: '', page: 1 }, { org: '5' })).toBe(true)
    expect(sameQuery({ status: '正式', org: '5' }, { org: '5', status: '正式' })).toBe(true)
    expect(sameQuery({ org: '5' }, { org: '6' })).toBe(false)
    expect(sameQuery({ org: '5', page: 2 }, { org: '5' })).toBe(false)
  })
})

describe('sortOf', () => {
  const cases = [
    [{ prop: 'name', order: 'ascending' }, 'name'],
    [{ prop: 'name', order: 'descending' }, '-name'],
    [{ prop: 'unit_name', order: 'ascending' }, 'unit'],
    [{ prop: 'joined_on', order: 'descending' }, '-joined_on'],
    // youngest first = latest birth date first
    [{ prop: 'age', order: 'ascending' }, '-birth_date'],
    [{ prop: 'age', order: 'descending' }, 'birth_date'],
    [{ prop: 'name', order: null }, undefined],
    [{ prop: 'phone', order: 'ascending' }, undefined],
  ]
  for (const [column, want] of cases) {
    it(`${column.prop} ${column.order} → ${want}`, () => expect(sortOf(column)).toBe(want))
  }

  it('defaultSortOf is the inverse', () => {
    for (const [column, sort] of cases) {
      if (sort) expect(defaultSortOf(sort)).toEqual(column)
    }
    expect(defaultSortOf(undefined)).toBeUndefined()
    expect(defaultSortOf('id')).toBeUndefined()
  })
})
