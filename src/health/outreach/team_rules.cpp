#include "health/outreach/team_rules.hpp"

#include <algorithm>

namespace qizhi::health::outreach {

const std::vector<std::string>& TeamRoles() {
  static const std::vector<std::string> roles = {"乡村医生", "公卫人员", "临床医生", "护理人员", "其他"};
  return roles;
}

bool IsTeamRole(const std::string& role) {
  const auto& r = TeamRoles();
  return std::find(r.begin(), r.end(), role) != r.end();
}

Result<Date> RequiredDate(const std::string& text, const std::string& field, const std::string& title) {
  if (text.empty()) return Invalid(field, "请填写" + title);
  auto d = ParseDate(text);
  if (!d) return Invalid(field, title + "应为 YYYY-MM-DD 格式的有效日期");
  return *d;
}

Status CheckEnd(const Date& start, const Date& end, const std::string& field, const std::string& start_title) {
  if (end < start) return Invalid(field, "结束日期不能早于" + start_title + "（" + FormatDate(start) + "）");
  return Ok();
}

namespace {

// Whether a row still holds the village on `from` or takes it later: open, or ending after `from`.
bool HoldsOnOrAfter(const VillageHold& h, const std::string& from) { return h.to_on.empty() || h.to_on > from; }

}  // namespace

Result<AssignmentPlan> PlanAssignment(int64_t team_id, const Date& from, const std::vector<VillageHold>& holds,
                                      bool reassign) {
  const std::string day = FormatDate(from);
  AssignmentPlan plan;
  for (const auto& h : holds) {
    if (!HoldsOnOrAfter(h, day)) continue;  // history that ended before `from`
    if (h.team_id == team_id) return Error{ErrorCode::kConflict, "本队已负责该村（自 " + h.from_on + " 起）", "village_code"};
    if (!reassign)
      return Error{ErrorCode::kConflict, "该村已由" + h.team_name + "负责（自 " + h.from_on + " 起），如需改派请确认调整", "village_code"};
    if (h.from_on > day)
      return Invalid("from_on", "改派日期不能早于" + h.team_name + "开始负责该村的日期（" + h.from_on + "）");
    if (!h.to_on.empty())
      return Error{ErrorCode::kConflict, h.team_name + "负责该村到 " + h.to_on + " 为止，请从该日起安排", "from_on"};
    plan.end_rows.push_back(h.row_id);
  }
  return plan;
}

}  // namespace qizhi::health::outreach
