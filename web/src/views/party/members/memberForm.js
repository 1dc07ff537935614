// The member form's data: an empty form, a form filled from a member, the request body, and the
// required-field check done before sending (every real rule is the server's: ValidateMember).

// MemberInput of src/party/members/rules.hpp, in form order.
export const inputFields = [
  'name', 'sex', 'id_number', 'ethnicity', 'native_place', 'education', 'category', 'job', 'phone',
  'status', 'joined_on', 'full_on', 'hardship', 'hardship_note', 'flowing', 'flow_to', 'flow_since',
]

const transferFields = ['external_org', 'letter_no', 'issued_on', 'effective_on']

/** Every field the server may name in an error, for useFormErrors. */
export const errorFields = [
  ...inputFields,
  'unit_id',
  'unit_since',
  'version',
  'transfer_in',
  ...transferFields,
  ...transferFields.map((f) => `transfer_in.${f}`),
]

export function emptyMember() {
  return {
    name: '',
    sex: '',
    id_number: '',
    ethnicity: '汉族',
    native_place: '',
    education: '',
    category: '',
    job: '',
    phone: '',
    status: '预备',
    joined_on: '',
    full_on: '',
    hardship: false,
    hardship_note: '',
    flowing: false,
    flow_to: '',
    flow_since: '',
    // adding only
    unit_id: null,
    unit_since: '',
    transfer: false,
    transfer_in: { external_org: '', letter_no: '', issued_on: '', effective_on: '' },
    // editing only: the masked values the API gave
    masked: { id_number: '', phone: '' },
  }
}

// The API gives ID number and phone masked; an edit leaves them empty ("不修改请留空") and
// sends them only when typed again.
const maskedFields = ['id_number', 'phone']

/** The edit form of a member detail; `masked` keeps the masked values to show as hints. */
export function memberFromDetail(m) {
  const form = emptyMember()
  for (const f of inputFields) {
    if (m[f] !== undefined && m[f] !== null) form[f] = m[f]
  }
  form.hardship = !!m.hardship
  form.flowing = !!m.flowing
  form.unit_id = m.unit_id ?? null
  form.masked = {}
  for (const f of maskedFields) {
    form.masked[f] = m[f] || ''
    form[f] = ''
  }
  return form
}

const trim = (v) => (typeof v === 'string' ? v.trim() : v)

/**
 * The request body: the MemberInput fields (strings, '' for none; full_on only for 正式, the
 * note and flow fields only when they apply); when adding also unit_id, unit_since and
 * transfer_in; when editing `version`, and ID number and phone only when typed again.
 */
export function memberBody(form, { adding, version } = {}) {
  const body = {}
  for (const f of inputFields) body[f] = trim(form[f] ?? '')
  body.hardship = !!form.hardship
  body.flowing = !!form.flowing
  if (body.status !== '正式') body.full_on = ''
  if (!body.hardship) body.hardship_note = ''
  if (!body.flowing) {
    body.flow_to = ''
    body.flow_since = ''
  }
  if (adding) {
    body.unit_id = form.unit_id
    if (trim(form.unit_since)) body.unit_since = trim(form.unit_since)
    if (form.transfer) {
      body.transfer_in = Object.fromEntries(transferFields.map((f) => [f, trim(form.transfer_in?.[f] ?? '')]))
    }
  } else {
    body.version = version
    for (const f of maskedFields) if (body[f] === '') delete body[f]
  }
  return body
}

const blank = (v) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '')

/**
 * Required fields left empty, as `{field: message}` (empty object when none). Only presence is
 * checked here; formats, dates and their order are checked by the server.
 */
export function checkMember(form, { adding } = {}) {
  const errors = {}
  const need = (field, message) => {
    if (blank(form[field])) errors[field] = message
  }
  need('name', '请输入姓名')
  need('sex', '请选择性别')
  if (adding) need('id_number', '请输入公民身份号码')
  need('ethnicity', '请选择民族')
  need('education', '请选择学历')
  need('category', '请选择人员类别')
  need('status', '请选择党员类别')
  need('joined_on', '请选择入党日期')
  if (form.status === '正式') need('full_on', '正式党员须填写转正日期')
  if (form.flowing) {
    need('flow_to', '流动党员须填写外出流向')
    need('flow_since', '流动党员须填写外出日期')
  }
  if (adding) {
    need('unit_id', '请选择所在党组织')
    if (form.transfer) {
      const t = form.transfer_in || {}
      if (blank(t.external_org)) errors['transfer_in.external_org'] = '请输入转出党组织'
      if (blank(t.letter_no)) errors['transfer_in.letter_no'] = '请输入介绍信编号'
      if (blank(t.issued_on)) errors['transfer_in.issued_on'] = '请选择开具日期'
      if (blank(t.effective_on)) errors['transfer_in.effective_on'] = '请选择转入日期'
    }
  }
  return errors
}
