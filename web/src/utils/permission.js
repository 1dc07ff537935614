/**
 * True when `owned` (the user's permission codes) holds at least one of `required`
 * (a code or a list of codes). Nothing required means allowed.
 */
export function hasAnyPermi(owned, required) {
  if (required === undefined || required === null) return true
  const list = Array.isArray(required) ? required : [required]
  if (list.length === 0) return true
  const set = owned instanceof Set ? owned : new Set(owned || [])
  return list.some((p) => set.has(p))
}
