import { describe, expect, it } from 'vitest'
import { unitsToTree } from '@/utils/tree'

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
