// Helpers of the 学习强国 page, pure so they can be tested without a browser.

/** This month in Asia/Shanghai as YYYY-MM (the server's calendar). */
export function thisMonth(now = new Date()) {
  return new Date(now.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 7)
}

/** "2026-10" → "2026年10月"; anything else as it is. */
export function monthTitle(period) {
  const m = /^(\d{4})-(\d{2})$/.exec(period || '')
  return m ? `${m[1]}年${Number(m[2])}月` : period || ''
}

/** A per-mille rate as the tag type the table shows it with: below 80% warning, below 60% danger. */
export function rateLevel(perMille) {
  if (perMille === null || perMille === undefined) return 'info'
  if (perMille < 600) return 'danger'
  if (perMille < 800) return 'warning'
  return 'success'
}
