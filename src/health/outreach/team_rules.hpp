// 帮扶队 and 分片负责 rules: who may be a team member, and what assigning a village to a team does
// to the team that holds it now. Pure, no I/O, thread-safe.
//
// Dates bound a span the way VillageScope reads them: it holds from its first day (from_on,
// joined_on) up to, not including, its end day (to_on, left_on, ended_on). So a reassignment
// from D ends the other team's row with to_on = D: the other team serves up to the day before,
// the new team from D, and no day has two teams or none.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "platform/core/date.hpp"
#include "platform/core/result.hpp"

namespace qizhi::health::outreach {

// 乡村医生, 公卫人员, 临床医生, 护理人员, 其他 (the CHECK of outreach_team_members.role).
const std::vector<std::string>& TeamRoles();
bool IsTeamRole(const std::string& role);

// A date field of a request: required, a real YYYY-MM-DD day. The error names `field`.
Result<Date> RequiredDate(const std::string& text, const std::string& field, const std::string& title);

// A span that ends: `end` on or after `start` (ending on the first day undoes a mistaken entry).
Status CheckEnd(const Date& start, const Date& end, const std::string& field, const std::string& start_title);

// A row of outreach_team_villages for one village, with the name of its team.
struct VillageHold {
  int64_t row_id = 0;
  int64_t team_id = 0;
  std::string team_name;
  std::string from_on;
  std::string to_on;  // "" while open
};

// What assigning `village` to `team_id` from `from` needs: the other teams' rows to end (to_on =
// from), or the error. A village held on or after `from` by another team is a 409 naming that
// team unless `reassign`; a reassignment may not end a row before it began (the other team's
// from_on after `from`) nor overlap a row that has already ended after `from`. A village the
// team itself holds on `from` (or later) is a 409 too.
struct AssignmentPlan {
  std::vector<int64_t> end_rows;  // rows whose to_on becomes `from`
};
Result<AssignmentPlan> PlanAssignment(int64_t team_id, const Date& from, const std::vector<VillageHold>& holds,
                                      bool reassign);

}  // namespace qizhi::health::outreach
