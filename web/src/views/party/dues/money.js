// Money on the dues pages: integer fen in, yuan text out, and the amount in capitals for receipts.
// Pure, so the unit tests need no router or request.

/** 1234 → "12.34" (fen to yuan, integers only). */
export function yuan(fen) {
  if (fen === null || fen === undefined) return ''
  const neg = fen < 0
  const a = Math.abs(fen)
  return `${neg ? '-' : ''}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`
}

/** "12.34" → 1234; null for anything that is not an amount with at most two decimals. */
export function toFen(text) {
  const m = /^\s*(\d{1,9})(?:\.(\d{1,2}))?\s*$/.exec(String(text ?? ''))
  if (!m) return null
  return Number(m[1]) * 100 + Number((m[2] || '').padEnd(2, '0'))
}

export const categories = ['在职', '离退休', '学生失业低保', '农民']
export const methods = ['现金', '微信', '支付宝', '银行转账', '工资代扣', '其他']

// 1234 fen → "壹拾贰元叁角肆分" (the amount in capitals, as receipts write it).
export function capital(fen) {
  const digits = '零壹贰叁肆伍陆柒捌玖'
  const units = ['', '拾', '佰', '仟']
  const big = ['', '万', '亿']
  let yuanPart = Math.floor(fen / 100)
  const jiao = Math.floor(fen / 10) % 10
  const fenPart = fen % 10
  let text = ''
  if (yuanPart === 0) text = '零'
  for (let g = 0; yuanPart > 0; g++) {
    const group = yuanPart % 10000
    yuanPart = Math.floor(yuanPart / 10000)
    let s = ''
    let zero = false
    for (let i = 3; i >= 0; i--) {
      const d = Math.floor(group / 10 ** i) % 10
      if (d === 0) {
        zero = s !== ''
      } else {
        if (zero) s += '零'
        s += digits[d] + units[i]
        zero = false
      }
    }
    if (s) text = s + big[g] + (text && group < 1000 ? '零' : '') + text
  }
  text += '元'
  if (jiao === 0 && fenPart === 0) return text + '整'
  if (jiao) text += digits[jiao] + '角'
  else text += '零'
  if (fenPart) text += digits[fenPart] + '分'
  return text
}
