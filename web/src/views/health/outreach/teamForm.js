// What the team pages share: the member roles of outreach_team_members and today's date as the
// hospital counts it (Asia/Shanghai).
export const teamRoles = ['乡村医生', '公卫人员', '临床医生', '护理人员', '其他']

export function todayShanghai() {
  return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10)
}
