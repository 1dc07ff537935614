// Pure helpers of the scoring and commendation pages: the measures and kinds as the server names
// them (party/scoring/rules.hpp), per-mille numbers as text, the weights' sum, an inspection form's
// totals, and the commendation proposals a ranking gives.

export const measures = [
  { code: 'inspection', title: '检查评分' },
  { code: 'meetings', title: '组织生活按期开展' },
  { code: 'study', title: '学习出勤' },
  { code: 'dues', title: '按期交纳党费' },
]
export const commendationKinds = [
  { value: 'advanced_branch', label: '先进党支部' },
  { value: 'outstanding_worker', label: '优秀党务工作者' },
  { value: 'outstanding_member', label: '优秀共产党员' },
]
export const inspectionStates = { active: '有效', superseded: '已更正', void: '已作废' }

export function kindTitle(value) {
  return commendationKinds.find((k) => k.value === value)?.label ?? value
}

/** 873 → "87.3%"; null → "—". */
export function perMilleText(v) {
  if (v === null || v === undefined) return '—'
  return `${Math.floor(v / 10)}.${v % 10}%`
}

/** Σ of the four weights (must be 100). */
export function weightSum(w) {
  return measures.reduce((n, m) => n + (Number.isInteger(w?.[m.code]) ? w[m.code] : 0), 0)
}

/** The form's scores as the API takes them, and the running total against the maximum. */
export function scoresBody(items, marks) {
  return items.map((i) => ({ code: i.code, score: marks[i.code]?.score ?? 0, note: marks[i.code]?.note || '' }))
}
export function formTotal(items, marks) {
  return {
    total: items.reduce((n, i) => n + (Number.isInteger(marks[i.code]?.score) ? marks[i.code].score : 0), 0),
    max: items.reduce((n, i) => n + i.max_score, 0),
  }
}

/**
 * The top `n` scored branches of a ranking (finalised when there is one, else live) not yet
 * commended: what the 先进党支部 dialog offers first. Ties at the cut-off come along.
 */
export function proposals(assessment, commendedUnitIds = [], n = 1) {
  const rows = (assessment?.finalised?.items || assessment?.items || []).filter((r) => r.score !== null && !commendedUnitIds.includes(r.unit_id))
  if (rows.length <= n) return rows
  const cut = rows[n - 1].score
  return rows.filter((r, i) => i < n || r.score === cut)
}
