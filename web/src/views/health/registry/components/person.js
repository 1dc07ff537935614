// A person form ⇄ the API body: disability is 类别 and 等级 in the form, "肢体二级" on the wire.

export function emptyPerson(relation = '') {
  return { name: '', id_number: '', relation, phone: '', chronic: [], disability_kind: '', disability_grade: '', joined_on: '', former_head_relation: '' }
}

/** The form of a listed person (masked ID number and phone are not copied). */
export function personForm(p) {
  const kind = p.disability ? p.disability.slice(0, 2) : ''
  return { ...emptyPerson(p.relation), name: p.name, chronic: [...(p.chronic || [])], disability_kind: kind, disability_grade: p.disability ? p.disability.slice(2) : '', version: p.version }
}

/** The request body: empty ID number and phone left out on edit (they stay as stored). */
export function personBody(form, { editing = false } = {}) {
  const body = { name: form.name, relation: form.relation, chronic: form.chronic }
  body.disability = form.disability_kind ? `${form.disability_kind}${form.disability_grade || ''}` : ''
  if (!editing || form.id_number) body.id_number = form.id_number
  if (!editing || form.phone) body.phone = form.phone
  if (!editing && form.joined_on) body.joined_on = form.joined_on
  if (editing) body.version = form.version
  if (editing && form.relation === '户主' && form.former_head_relation) body.former_head_relation = form.former_head_relation
  return body
}
