// Periods of the coverage screen: this month and the eleven before, and the quarters of this
// year and the last, as the API writes them (YYYY-MM, YYYY-Qn).
export function today() {
  return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10)
}

export function periodOptions() {
  const t = today()
  let y = Number(t.slice(0, 4))
  let m = Number(t.slice(5, 7))
  const months = []
  for (let i = 0; i < 12; i++) {
    months.push({ value: `${y}-${String(m).padStart(2, '0')}`, label: `${y}年${m}月` })
    if (--m === 0) {
      m = 12
      y--
    }
  }
  const year = Number(t.slice(0, 4))
  const q = Math.floor((Number(t.slice(5, 7)) - 1) / 3) + 1
  const quarters = []
  for (const yy of [year, year - 1])
    for (let n = 4; n >= 1; n--) if (yy < year || n <= q) quarters.push({ value: `${yy}-Q${n}`, label: `${yy}年第${'一二三四'[n - 1]}季度` })
  return { months, quarters }
}

/** ‰ → "87.5%" (null: no households yet). */
export function percent(permille) {
  return permille === null || permille === undefined ? '—' : `${(permille / 10).toFixed(1)}%`
}
