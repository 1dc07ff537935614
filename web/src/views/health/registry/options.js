// The lists of the registry's rules (src/health/registry/rules.cpp), for the forms and filters.
export const povertyCauses = ['因病', '因残', '因学', '因灾', '缺土地', '缺水', '缺技术', '缺劳力', '缺资金', '交通条件落后', '自身发展动力不足', '其他']
export const statuses = ['未脱贫', '脱贫', '监测对象']
export const monitorKinds = ['脱贫不稳定户', '边缘易致贫户', '突发严重困难户']
export const relations = ['户主', '配偶', '妻', '夫', '子', '女', '儿媳', '女婿', '孙子女', '父母', '祖父母', '兄弟姐妹', '其他']
export const chronicConditions = ['高血压', '2型糖尿病', '严重精神障碍', '肺结核', '慢性阻塞性肺疾病', '冠心病', '脑卒中', '其他']
export const disabilityKinds = ['视力', '听力', '言语', '肢体', '智力', '精神', '多重']
export const disabilityGrades = ['一级', '二级', '三级', '四级']
export const leaveReasons = ['迁出', '死亡', '分户', '婚嫁', '其他']

/** The filters of GET /api/v1/registry/households with their empty values. */
export const householdFilters = { q: '', village: '', status: '', cause: '', has_chronic: '', has_disability: '', state: '' }

export const statusTag = { 未脱贫: 'danger', 脱贫: 'success', 监测对象: 'warning' }

/** 1250050 fen → "12,500.50". Money stays integer fen; only display divides. */
export function yuan(fen) {
  if (fen === null || fen === undefined) return '—'
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  const whole = Math.floor(abs / 100).toLocaleString('en-US')
  return `${sign}${whole}.${String(abs % 100).padStart(2, '0')}`
}

/** "12500.5" → 1250050, null for empty, NaN for anything else (the server names the field). */
export function fenOf(text) {
  const s = String(text ?? '').trim().replaceAll(',', '')
  if (!s) return null
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(s)
  if (!m) return NaN
  return Number(m[1]) * 100 + Number((m[2] || '').padEnd(2, '0'))
}

/** The field errors of an ApiError as {field: message}, `prefix.` stripped (head.name → name). */
export function fieldErrors(err, prefix = '') {
  const out = {}
  for (const e of err?.errors || []) {
    const f = prefix && e.field.startsWith(prefix) ? e.field.slice(prefix.length) : e.field
    if (f && !out[f]) out[f] = e.message
  }
  return out
}
