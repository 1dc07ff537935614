/**
 * Org units as a tree for pickers: `[{value, label, children}]`. A unit whose parent is not in
 * the list (the top of the caller's scope) becomes a root.
 */
export function unitsToTree(units) {
  const nodes = new Map(units.map((u) => [u.id, { value: u.id, label: u.name, children: [] }]))
  const roots = []
  for (const u of units) {
    const parent = u.parent_id == null ? undefined : nodes.get(u.parent_id)
    ;(parent ? parent.children : roots).push(nodes.get(u.id))
  }
  return roots
}
