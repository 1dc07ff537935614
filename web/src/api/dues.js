import request, { requestBlob } from './request'

/** The tenant's pay items `{items: [{name, regular}], stored}` (the four defaults when none stored). */
export function getPayItems() {
  return request('/api/v1/dues/pay-items')
}

/** Replaces the pay items: `{items: [{name, regular}]}`. */
export function savePayItems(items) {
  return request('/api/v1/dues/pay-items', { method: 'PUT', body: { items } })
}

/** Members on the roll with their current base, paged; filters org, category, missing, q. */
export function listBases(query) {
  return request('/api/v1/dues/bases', { params: query })
}

/** A new base for a member: member_id, category, source, effective_month, base_fen | items… */
export function addBase(data) {
  return request('/api/v1/dues/bases', { method: 'POST', body: data })
}

/** Generates a year of monthly dues for a unit and below: `{unit_id, year}`. */
export function generateDues(data) {
  return request('/api/v1/dues/generate', { method: 'POST', body: data })
}

/** A member's ledger of a year: months (due, paid, owed, settled_on, on_time), payments, bases. */
export function getMemberLedger(id, year) {
  return request(`/api/v1/dues/members/${id}/ledger`, { params: { year } })
}

/** `{due_fen, reason}`: a new row referencing the month's current one. */
export function correctMonth(memberId, month, data) {
  return request(`/api/v1/dues/members/${memberId}/months/${month}/correct`, { method: 'POST', body: data })
}

/** Payments, paged; filters org, member, from, to, method, state, q. */
export function listPayments(query) {
  return request('/api/v1/dues/payments', { params: query })
}

/** One payment with its lines: the receipt. */
export function getPayment(id) {
  return request(`/api/v1/dues/payments/${id}`)
}

/** member_id, paid_on, amount_fen, method, collector, months?, note? */
export function addPayment(data) {
  return request('/api/v1/dues/payments', { method: 'POST', body: data })
}

/** `{reason}`: a void row; the payment stays, no longer counted. */
export function voidPayment(id, reason) {
  return request(`/api/v1/dues/payments/${id}/void`, { method: 'POST', body: { reason } })
}

/** Members owing for past months; `flagged: 1` only six consecutive months unpaid. */
export function listArrears(query) {
  return request('/api/v1/dues/arrears', { params: query })
}

/** `{reason}` recorded for a member's unpaid months. */
export function recordUnpaidReason(memberId, reason) {
  return request(`/api/v1/dues/members/${memberId}/unpaid-reason`, { method: 'POST', body: { reason } })
}

/** Per month totals of a unit and each branch below it. */
export function getTotals(org, year) {
  return request('/api/v1/dues/totals', { params: { org, year } })
}

/** The yearly ledger as .xlsx: resolves to `{blob, filename}`. */
export function exportDuesLedger(org, year) {
  return requestBlob('/api/v1/dues/ledger/export', { params: { org, year }, fallbackName: '党费台账.xlsx' })
}
