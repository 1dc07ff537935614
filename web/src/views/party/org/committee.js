// The 换届 form: rows of elected members, checked for presence before sending (the server
// checks membership, posts and the rest).

export const maxCommitteeMembers = 9

/**
 * Rows to start from: the current committee's members (with their names, for the picker until
 * the unit's members are loaded), or one empty 书记 row.
 */
export function initialRows(unit) {
  const current = (unit?.committees || []).find((c) => !c.superseded_at)
  if (current && current.members?.length) return current.members.map((m) => ({ member_id: m.member_id, post: m.post, name: m.name }))
  return [{ member_id: null, post: '书记' }]
}

/** Picker options: the members found plus those already in the rows, once each. */
export function memberOptions(found, rows) {
  const out = new Map()
  for (const m of found || []) out.set(m.id, { value: m.id, label: m.unit_name ? `${m.name}（${m.unit_name}）` : m.name })
  for (const r of rows || []) {
    if (r.member_id != null && !out.has(r.member_id)) out.set(r.member_id, { value: r.member_id, label: r.name || String(r.member_id) })
  }
  return [...out.values()]
}

/**
 * Required-field errors of the committee form as `{field: message}`, fields as the server
 * names them: `elected_on`, `members` (count, exactly one 书记, a member twice),
 * `members[i].member_id`, `members[i].post`.
 */
export function checkCommittee(form) {
  const errors = {}
  if (!form.elected_on) errors.elected_on = '请选择选举日期'
  const rows = form.members || []
  if (rows.length === 0 || rows.length > maxCommitteeMembers) {
    errors.members = `委员应为 1-${maxCommitteeMembers} 人`
  }
  const seen = new Set()
  rows.forEach((row, i) => {
    if (row.member_id === null || row.member_id === undefined || row.member_id === '') {
      errors[`members[${i}].member_id`] = '请选择党员'
    } else if (seen.has(row.member_id)) {
      errors[`members[${i}].member_id`] = '同一党员不能重复'
    } else {
      seen.add(row.member_id)
    }
    if (!row.post) errors[`members[${i}].post`] = '请选择职务'
  })
  const secretaries = rows.filter((r) => r.post === '书记').length
  if (!errors.members && secretaries !== 1) errors.members = '须有且只有一名书记'
  return errors
}

/** The body of POST /org/units/{id}/committees. */
export function committeeBody(form) {
  const body = {
    elected_on: form.elected_on,
    term_years: form.term_years,
    members: form.members.map((r) => ({ member_id: r.member_id, post: r.post })),
  }
  const note = (form.note || '').trim()
  if (note) body.note = note
  return body
}
