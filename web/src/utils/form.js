const blank = (v) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0)

/**
 * The required fields of `form` left empty: `required` maps a field to its message; the answer
 * maps each empty one to that message (empty object when all are given). Only presence is
 * checked; the server checks everything else.
 */
export function requiredErrors(form, required) {
  const errors = {}
  for (const [field, message] of Object.entries(required)) {
    if (blank(form[field])) errors[field] = message
  }
  return errors
}

/** A copy of `form` with strings trimmed and empty optional strings left out. */
export function compactBody(form, keep = []) {
  const body = {}
  for (const [key, value] of Object.entries(form)) {
    const v = typeof value === 'string' ? value.trim() : value
    if ((v === '' || v === null || v === undefined) && !keep.includes(key)) continue
    body[key] = v
  }
  return body
}
