import { describe, expect, it } from 'vitest'
import { arrangePosts, pairMark } from '@/views/party/members/posts'

describe('arrangePosts', () => {
  const posts = [
    { id: 1, kind: 'party', title: '组织委员', started_on: '2015-01-01', ended_on: '2020-01-01', dual_id: null },
    { id: 2, kind: 'party', title: '书记', started_on: '2021-03-01', ended_on: null, dual_id: 'd1' },
    { id: 3, kind: 'hospital', title: '科主任', started_on: '2021-03-01', ended_on: null, dual_id: 'd1' },
    { id: 4, kind: 'hospital', title: '副主任', started_on: '2018-01-01', ended_on: null, dual_id: null },
    { id: 5, kind: 'hospital', title: '护士长', started_on: '2016-01-01', ended_on: '2019-01-01', dual_id: 'd0' },
    { id: 6, kind: 'party', title: '委员', started_on: '2016-01-01', ended_on: '2019-01-01', dual_id: 'd0' },
  ]

  it('current first, newest first, a pair side by side with the administrative post first', () => {
    expect(arrangePosts(posts).map((p) => p.id)).toEqual([3, 2, 4, 5, 6, 1])
  })

  it('numbers the pairs and names the partner', () => {
    const rows = arrangePosts(posts)
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]))
    expect(byId[3].pair).toEqual({ index: 1, partner: '书记' })
    expect(byId[2].pair).toEqual({ index: 1, partner: '科主任' })
    expect(byId[5].pair).toEqual({ index: 2, partner: '委员' })
    expect(byId[4].pair).toBeNull()
    expect(byId[3].current).toBe(true)
    expect(byId[1].current).toBe(false)
  })

  it('no posts, no rows', () => {
    expect(arrangePosts([])).toEqual([])
    expect(arrangePosts(undefined)).toEqual([])
  })

  it('pair marks', () => {
    expect(pairMark(1)).toBe('①')
    expect(pairMark(20)).toBe('⑳')
    expect(pairMark(21)).toBe('21')
  })
})
