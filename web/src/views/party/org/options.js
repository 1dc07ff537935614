// Unit kinds, the kinds allowed under each (src/party/org/rules.hpp CheckChildKind), warning
// codes and size bands, for the 组织架构 page.

export const unitKinds = [
  { value: 'committee', label: '党委' },
  { value: 'general_branch', label: '党总支' },
  { value: 'branch', label: '党支部' },
  { value: 'group', label: '党小组' },
]

export const childKinds = {
  committee: ['general_branch', 'branch', 'committee'],
  general_branch: ['branch'],
  branch: ['group'],
  group: [],
}

/** The kinds a new unit under a unit of `parentKind` may have, as select options. */
export function allowedChildKinds(parentKind) {
  const allowed = childKinds[parentKind] || []
  return unitKinds
    .filter((k) => allowed.includes(k.value))
    .map((k) => (parentKind === 'committee' && k.value === 'committee' ? { ...k, label: '党委（医共体分院）' } : k))
}

export function kindTitle(kind) {
  return unitKinds.find((k) => k.value === kind)?.label ?? kind
}

// Warning codes of UnitWarnings, with a short tag text; the server's message goes in the tooltip.
export const warningCodes = [
  { value: 'branch_too_few_full', label: '正式党员不足3人', level: 'danger' },
  { value: 'branch_too_large', label: '支部超过50人', level: 'warning' },
  { value: 'committee_required', label: '应设支委会', level: 'danger' },
  { value: 'committee_size', label: '委员人数不符', level: 'warning' },
  { value: 'secretary_missing', label: '缺书记', level: 'danger' },
  { value: 'general_branch_size', label: '总支规模不符', level: 'warning' },
  { value: 'committee_too_small', label: '党委不足100人', level: 'warning' },
  { value: 'term_ending', label: '即将换届', level: 'warning' },
  { value: 'term_expired', label: '换届逾期', level: 'danger' },
]

export function warningLabel(code) {
  return warningCodes.find((w) => w.value === code)?.label ?? code
}

/** el-tag type for a warning: red for what is overdue or missing, orange for the rest. */
export function warningLevel(code) {
  return warningCodes.find((w) => w.value === code)?.level ?? 'warning'
}

// SizeBands(): branches by current members.
export const sizeBands = [
  { value: 'lt3', label: '不足3人' },
  { value: '3to6', label: '3-6人' },
  { value: '7to50', label: '7-50人' },
  { value: 'gt50', label: '50人以上' },
]

// DefaultTermYears(): 5 for a 党委, 3 otherwise.
export function defaultTermYears(kind) {
  return kind === 'committee' ? 5 : 3
}
