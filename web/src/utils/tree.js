/**
 * Org units as a tree for pickers: `[{value, label, children}]`. A unit whose parent is not in
 * the list (the top of the caller's scope) becomes a root. `options.disabled(unit)` marks the
 * units that may not be picked (`disabled: true`), e.g. a 党委 where a member's unit is asked.
 */
export function unitsToTree(units, options = {}) {
  const { disabled } = options
  const nodes = new Map(
    units.map((u) => {
      const node = { value: u.id, label: u.name, children: [] }
      if (disabled && disabled(u)) node.disabled = true
      return [u.id, node]
    }),
  )
  const roots = []
  for (const u of units) {
    const parent = u.parent_id == null ? undefined : nodes.get(u.parent_id)
    ;(parent ? parent.children : roots).push(nodes.get(u.id))
  }
  return roots
}

/** Units that hold members (党支部, 党小组): the only targets for a member's unit. */
export const memberUnitKinds = ['branch', 'group']

/** A picker tree where only 党支部 and 党小组 can be chosen. */
export function memberUnitTree(units) {
  return unitsToTree(units, { disabled: (u) => !memberUnitKinds.includes(u.kind) })
}

/**
 * The units of GET /api/v1/org/tree nested by parent_id, for the 组织架构 tree. Each node is the
 * unit plus `children` and counts over its subtree: `unitCount` (itself and every unit below),
 * `childCount` (direct children), `warningUnits` (units with at least one warning, itself
 * included). Member counts stay as the server gave them (`members` already covers the
 * subtree). Order is kept; a unit whose parent is missing is a root.
 */
export function buildOrgTree(units) {
  const nodes = new Map()
  for (const u of units) nodes.set(u.id, { ...u, warnings: u.warnings || [], children: [] })
  const roots = []
  for (const u of units) {
    const node = nodes.get(u.id)
    const parent = u.parent_id == null ? undefined : nodes.get(u.parent_id)
    ;(parent && parent !== node ? parent.children : roots).push(node)
  }
  const count = (node) => {
    node.childCount = node.children.length
    node.unitCount = 1
    node.warningUnits = node.warnings.length ? 1 : 0
    for (const child of node.children) {
      count(child)
      node.unitCount += child.unitCount
      node.warningUnits += child.warningUnits
    }
  }
  roots.forEach(count)
  return roots
}

/**
 * Whether a unit passes the tree's filter `{q, warningsOnly}`: its name contains `q` (ignoring
 * case and surrounding blanks) and, with `warningsOnly`, it has a warning. The tree keeps the
 * ancestors of a passing unit visible.
 */
export function unitMatches(unit, filter = {}) {
  const q = (filter.q || '').trim().toLowerCase()
  if (q && !String(unit.name || '').toLowerCase().includes(q)) return false
  if (filter.warningsOnly && !(unit.warnings && unit.warnings.length)) return false
  return true
}
