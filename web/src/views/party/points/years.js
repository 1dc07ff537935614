/** The selectable years: this one and the four before (points reset every 1 January). */
export function recentYears(today = new Date()) {
  const y = today.getFullYear()
  return [y, y - 1, y - 2, y - 3, y - 4]
}
