// An edit sent with an old `version`: the record was changed by someone else meanwhile.

export const staleMessage = '信息已被他人修改，请刷新后重试'

/** A 409 about the version (field `version`, or no field at all), not another conflict. */
export function isStale(err) {
  if (!err || err.status !== 409) return false
  const errors = err.errors || []
  return errors.length === 0 || errors.some((e) => e.field === 'version')
}
