/** Hands a downloaded file to the browser under `filename` (an object URL and a clicked link). */
export function saveBlob(blob, filename) {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  link.style.display = 'none'
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

/** A CSV file of `rows` (arrays of cells), UTF-8 with a BOM so Excel reads the Chinese text. */
export function csvBlob(rows) {
  const cell = (v) => {
    const s = v === null || v === undefined ? '' : String(v)
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
  }
  const text = rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n'
  return new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' })
}
