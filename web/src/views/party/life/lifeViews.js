// Pure helpers of the 台账, 日历 and 频次规则 pages: the month a calendar asks for, the calendar's
// items by day, the ledger's cadence as table rows, and the cadence rules as PUT takes them.

const pad = (n) => String(n).padStart(2, '0')

/** The first and last day of the month of `date` (a Date or YYYY-MM-DD), as the calendar asks. */
export function monthRange(date) {
  const d = typeof date === 'string' ? new Date(`${date.slice(0, 10)}T00:00:00Z`) : new Date(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()))
  const y = d.getUTCFullYear()
  const m = d.getUTCMonth()
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate()
  return { from: `${y}-${pad(m + 1)}-01`, to: `${y}-${pad(m + 1)}-${pad(last)}` }
}

/** The calendar's meetings, plans and due items by day: {'2026-03-10': {meetings: […], plans: […], due: […]}}. */
export function byDay(calendar) {
  const out = {}
  const day = (d) => (out[d] ||= { meetings: [], plans: [], due: [] })
  for (const m of calendar?.meetings || []) day(m.date).meetings.push(m)
  for (const p of calendar?.plans || []) day(p.date).plans.push(p)
  for (const d of calendar?.due || []) day(d.date).due.push(d)
  return out
}

/** The ledger's cadence as rows: one per unit and rule, with its periods. */
export function cadenceRows(cadence = []) {
  const rows = []
  for (const u of cadence) for (const r of u.rules) rows.push({ key: `${u.unit_id}:${r.meeting_type}:${r.presenter_role || ''}:${r.period}`, unit_name: u.unit_name, title: r.title, periods: r.periods })
  return rows
}

/** el-tag type of a period's state. */
export function stateTagType(state) {
  return { met: 'success', open: 'info', missed: 'danger', exempt: 'info' }[state] || 'info'
}

export const unitKinds = [
  { value: 'committee', label: '党委' },
  { value: 'general_branch', label: '党总支' },
  { value: 'branch', label: '党支部' },
  { value: 'group', label: '党小组' },
]
export const periods = [
  { value: 'month', label: '每月' },
  { value: 'quarter', label: '每季度' },
  { value: 'year', label: '每年' },
]
export const presenterRoles = ['', '党委书记', '支部书记']

/** The rules as PUT /api/v1/life/cadence-rules takes them (the titles left out). */
export function rulesForSave(items = []) {
  return items.map((r) => ({
    meeting_type: r.meeting_type,
    applies_to: r.applies_to,
    period: r.period,
    min_count: r.min_count,
    presenter_role: r.presenter_role || '',
    fixed_day: r.fixed_day || 0,
    needs_committee: !!r.needs_committee,
  }))
}

/** Errors of a PUT by row: {0: {min_count: '…'}} from fields `rules[0].min_count`; others under -1. */
export function ruleErrors(errors = []) {
  const out = {}
  for (const e of errors) {
    const m = /^rules\[(\d+)\](?:\.(\w+))?$/.exec(e.field || '')
    const row = m ? Number(m[1]) : -1
    ;(out[row] ||= {})[m?.[2] || 'rule'] = e.message
  }
  return out
}

const kindTitles = { due: '待开展', plan: '计划', overdue: '逾期未召开', meeting: '已召开' }

/**
 * What a calendar cell shows: due items first (they need doing), then plans (overdue ones as
 * `overdue`), then meetings, at most `max`; `more` lists the rest as text for a tooltip.
 */
export function cellItems(day, max = 2) {
  const all = [
    ...(day?.due || []).map((d, i) => ({ key: `d${i}`, kind: 'due', label: d.type_title, tip: `${d.unit_name}：${d.message}` })),
    ...(day?.plans || []).map((p) => ({
      key: `p${p.id}`, kind: p.overdue ? 'overdue' : 'plan', label: `计划·${p.type_title}`, tip: `${p.start_time} ${p.unit_name}：${p.topic}${p.overdue ? '（逾期未召开）' : ''}`, plan: p,
    })),
    ...(day?.meetings || []).map((m) => ({ key: `m${m.id}`, kind: 'meeting', label: m.type_title, tip: `${m.start_time} ${m.unit_name}：${m.topic}`, meeting: m })),
  ]
  return { shown: all.slice(0, max), more: all.slice(max).map((x) => `${kindTitles[x.kind]} ${x.tip}`) }
}

/** el-tag type of a calendar item: owed orange, plan green, overdue plan red, meeting blue. */
export function itemTagType(kind) {
  return { due: 'warning', plan: 'success', overdue: 'danger', meeting: 'primary' }[kind] || 'info'
}

export const maxAttachmentBytes = 10 * 1024 * 1024
export const attachmentAccept = '.pdf,.docx,.xlsx,.jpg,.jpeg,.png'

/** Why a chosen file will be refused before it is sent ('' when it may go; the server checks the bytes). */
export function attachmentProblem(file) {
  if (!file) return '请选择文件'
  if (!/\.(pdf|docx|xlsx|jpe?g|png)$/i.test(file.name || '')) return '文件类型不支持，请上传 PDF、Word（.docx）、Excel（.xlsx）、JPG 或 PNG 文件'
  if (file.size === 0) return '文件为空，请重新选择'
  if (file.size > maxAttachmentBytes) return '文件不能超过 10 MB'
  return ''
}

/** 1536 → "1.5 KB". */
export function formatSize(bytes) {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}
