// Pure helpers of the 组织生活 pages: the list's filters in the address, the catalogue of
// meeting types and absence reasons (as party/life/rules.hpp has them), the attendance of the
// form as the API takes it, the quorum preview, and the overdue list keyed by unit for the tree.
import { listFromRoute, routeFromList, sameQuery } from '@/utils/routeQuery'

export const meetingTypes = [
  { value: 'branch_assembly', label: '支部党员大会' },
  { value: 'branch_committee', label: '支委会' },
  { value: 'group_meeting', label: '党小组会' },
  { value: 'party_lecture', label: '党课' },
  { value: 'theme_day', label: '主题党日' },
  { value: 'life_meeting', label: '组织生活会' },
  { value: 'member_review', label: '民主评议党员' },
  { value: 'study', label: '集中学习' },
  { value: 'central_group_study', label: '党委理论学习中心组学习' },
  { value: 'heart_talk', label: '谈心谈话' },
]
export const absenceReasons = ['病假', '事假', '公假', '其他']
export const lecturerLevels = ['党委书记', '班子成员', '支部书记', '其他']
// Types whose lecturer's level is recorded (the study figures count them by it).
export const lecturedTypes = ['party_lecture', 'study', 'central_group_study']

export function typeTitle(value) {
  return meetingTypes.find((t) => t.value === value)?.label ?? value
}

/** The filters of GET /api/v1/meetings with their empty values. */
export const meetingFilters = { q: '', org: undefined, direct: '', type: '', from: '', to: '', lecturer_level: '', campaign: '', state: '' }
export function filtersFromQuery(routeQuery = {}) {
  return listFromRoute(routeQuery, meetingFilters)
}
export const queryFromFilters = routeFromList
export { sameQuery }

/**
 * The form's attendance as the API takes it. `roll` is the computed should-attend list
 * ([{member_id}]); `marks` maps member_id → {came, reason, note} for those who should attend
 * (`should` ids, default the roll). A member without a mark counts as came.
 */
export function attendanceBody(roll, marks, should = roll.map((m) => m.member_id), shouldReason = '') {
  const came = []
  const absent = []
  for (const id of should) {
    const m = marks[id] || { came: true }
    if (m.came) came.push(id)
    else absent.push({ member_id: id, reason: m.reason || '', note: m.note || '' })
  }
  const computed = new Set(roll.map((m) => m.member_id))
  const same = computed.size === new Set(should).size && should.every((id) => computed.has(id))
  return { should, should_reason: same ? '' : shouldReason, came, absent }
}

/** The quorum as the server will judge it: more than half of the 正式党员 who should attend. */
export function quorumPreview(people, marks) {
  const voting = people.filter((p) => p.status === '正式')
  const present = voting.filter((p) => (marks[p.member_id] || { came: true }).came).length
  const needed = Math.floor(voting.length / 2) + 1
  return { voting: voting.length, present, needed, has_quorum: voting.length > 0 && present * 2 > voting.length }
}

/** Overdue items by unit id: {unitId: ['2026年第三季度未召开支部党员大会', …]}. */
export function overdueByUnit(items = []) {
  const out = {}
  for (const u of items) out[u.unit_id] = (u.missing || []).map((m) => m.message)
  return out
}
