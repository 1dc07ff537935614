import { describe, expect, it } from 'vitest'
import { formTotal, kindTitle, perMilleText, proposals, scoresBody, weightSum } from '@/views/party/scoring/scoring'

describe('scoring helpers', () => {
  it('per mille as a percentage with one decimal, integers only', () => {
    expect(perMilleText(873)).toBe('87.3%')
    expect(perMilleText(1000)).toBe('100.0%')
    expect(perMilleText(0)).toBe('0.0%')
    expect(perMilleText(null)).toBe('—')
  })

  it('weights sum, ignoring what is not a whole number', () => {
    expect(weightSum({ inspection: 40, meetings: 30, study: 15, dues: 15 })).toBe(100)
    expect(weightSum({ inspection: 40, meetings: 30.5 })).toBe(40)
  })

  it('an inspection form: every item scored, running total', () => {
    const items = [{ code: 'flag', max_score: 10 }, { code: 'oath', max_score: 10 }]
    const marks = { flag: { score: 7, note: '褪色' } }
    expect(scoresBody(items, marks)).toEqual([{ code: 'flag', score: 7, note: '褪色' }, { code: 'oath', score: 0, note: '' }])
    expect(formTotal(items, marks)).toEqual({ total: 7, max: 20 })
  })

  it('proposals: the top branches not yet commended, ties at the cut-off included, finalised first', () => {
    const live = { items: [{ unit_id: 1, score: 950 }, { unit_id: 2, score: 900 }, { unit_id: 3, score: 900 }, { unit_id: 4, score: null }] }
    expect(proposals(live, [], 2).map((r) => r.unit_id)).toEqual([1, 2, 3])
    expect(proposals(live, [1], 1).map((r) => r.unit_id)).toEqual([2, 3])
    expect(proposals({ ...live, finalised: { items: [{ unit_id: 9, score: 800 }] } }).map((r) => r.unit_id)).toEqual([9])
    expect(kindTitle('outstanding_member')).toBe('优秀共产党员')
  })
})
