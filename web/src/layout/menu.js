import { House, Setting, User, Lock, Key, Document, UserFilled, DataAnalysis, Flag, OfficeBuilding, Avatar, Calendar, Warning, Reading, Promotion, Notebook, Timer, Operation, Wallet, DocumentChecked, Trophy, List, Medal, Stamp, Tickets, EditPen, Checked, FirstAidKit, MapLocation, Finished, Connection, Place, HomeFilled, Iphone } from '@element-plus/icons-vue'

// The sidebar: leaves name a route (whose meta gives title and permission); groups hold leaves.
export const menuTable = [
  { route: 'dashboard', icon: House },
  { route: 'figures', icon: DataAnalysis },
  {
    group: 'party',
    title: '党建工作',
    icon: Flag,
    children: [
      { route: 'org', icon: OfficeBuilding },
      { route: 'members', icon: Avatar },
      { route: 'development', icon: Promotion },
      { route: 'life', icon: Calendar },
      { route: 'life-overdue', icon: Warning },
      { route: 'life-ledger', icon: Notebook },
      { route: 'life-calendar', icon: Timer },
      { route: 'life-rules', icon: Operation },
      { route: 'xuexi', icon: Reading },
      { route: 'dues', icon: Wallet },
      { route: 'scoring-inspections', icon: DocumentChecked },
      { route: 'scoring-assessment', icon: Trophy },
      { route: 'scoring-checklists', icon: List },
      { route: 'commendations', icon: Medal },
      { route: 'points', icon: Trophy },
      { route: 'points-entries', icon: Stamp },
      { route: 'points-rules', icon: Tickets },
      { route: 'my-points', icon: Medal },
      { route: 'integrity', icon: EditPen },
      { route: 'integrity-self-checks', icon: Checked },
    ],
  },
  {
    group: 'health',
    title: '健康帮扶',
    icon: FirstAidKit,
    children: [
      { route: 'registry', icon: HomeFilled },
      { route: 'coverage', icon: MapLocation },
      { route: 'visits', icon: Finished },
      { route: 'visit-plans', icon: Calendar },
      { route: 'outreach-teams', icon: Avatar },
      { route: 'outreach-areas', icon: Place },
      { route: 'outreach-pairings', icon: Connection },
      { route: 'field', icon: Iphone },
    ],
  },
  {
    group: 'system',
    title: '系统管理',
    icon: Setting,
    children: [
      { route: 'user', icon: User },
      { route: 'role', icon: Key },
      { route: 'policy', icon: Lock },
      { route: 'audit-log', icon: Document },
    ],
  },
  { route: 'profile', icon: UserFilled },
]

/**
 * The menu a user sees: leaves whose route permission `allowed(permi)` grants, each with its
 * title and path from `routeOf(name)`; groups left empty disappear.
 */
export function buildMenu(table, routeOf, allowed) {
  const items = []
  for (const entry of table) {
    if (entry.children) {
      const children = buildMenu(entry.children, routeOf, allowed)
      if (children.length) items.push({ ...entry, children })
      continue
    }
    const route = routeOf(entry.route)
    if (allowed(route.meta.permi)) items.push({ ...entry, title: route.meta.title, path: route.path })
  }
  return items
}
