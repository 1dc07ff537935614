// The posts tab: current posts first, then ended ones, newest first; the two posts of a 双任免
// pair (same dual_id) stay next to each other (行政职务 first) and carry the pair's number and
// the partner's title, so the table can show them linked.

const byStartDesc = (a, b) => (a.started_on < b.started_on ? 1 : a.started_on > b.started_on ? -1 : b.id - a.id)

/**
 * Rows for the posts table: each post plus `current` (not ended) and `pair` (null, or
 * `{index, partner}` where index numbers the pairs from 1 in table order and partner is the
 * other post of the pair).
 */
export function arrangePosts(posts = []) {
  const sorted = [...posts].sort((a, b) => {
    const ca = !a.ended_on
    const cb = !b.ended_on
    if (ca !== cb) return ca ? -1 : 1
    return byStartDesc(a, b)
  })
  const rows = []
  const placed = new Set()
  let pairs = 0
  for (const post of sorted) {
    if (placed.has(post)) continue
    if (!post.dual_id) {
      placed.add(post)
      rows.push({ ...post, current: !post.ended_on, pair: null })
      continue
    }
    const members = sorted.filter((p) => p.dual_id === post.dual_id)
    members.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'hospital' ? -1 : 1))
    pairs += 1
    for (const p of members) {
      placed.add(p)
      const partner = members.find((o) => o !== p) || null
      rows.push({ ...p, current: !p.ended_on, pair: { index: pairs, partner: partner && partner.title } })
    }
  }
  return rows
}

/** "①" … "⑳" for pair numbers, then the number itself. */
export function pairMark(index) {
  return index >= 1 && index <= 20 ? String.fromCharCode(0x2460 + index - 1) : String(index)
}
