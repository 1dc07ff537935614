#include "health/outreach/pairing_rules.hpp"

#include "health/outreach/team_rules.hpp"
#include "platform/core/text.hpp"

namespace qizhi::health::outreach {

Result<PairingPlan> PlanPairing(int64_t member_id, const Date& from, const std::vector<PairingSpan>& household_pairings,
                                const std::string& end_reason) {
  const std::string day = FormatDate(from);
  PairingPlan plan;
  for (const auto& p : household_pairings) {
    if (!p.to_on.empty() && p.to_on <= day) continue;  // ended before the new one begins
    if (!p.to_on.empty())
      return Error{ErrorCode::kConflict, "该户与" + p.member_name + "的结对到 " + p.to_on + " 才结束，新结对请从该日起", "from_on"};
    if (p.member_id == member_id)
      return Error{ErrorCode::kConflict, "该户已与" + p.member_name + "结对（自 " + p.from_on + " 起）", "member_id"};
    if (p.from_on > day) return Invalid("from_on", "开始日期不能早于现结对的开始日期（" + p.from_on + "）");
    if (Trim(end_reason).empty())
      return Error{ErrorCode::kConflict, "该户现与" + p.member_name + "结对（自 " + p.from_on + " 起），改结对须填写原结对的结束原因",
                   "end_reason"};
    if (Utf8Length(end_reason) > kMaxReasonChars) return Invalid("end_reason", "结束原因不超过 200 字");
    plan.end_id = p.id;
  }
  return plan;
}

Status CheckPairingEnd(const PairingSpan& p, const std::string& to, const std::string& reason) {
  Errors errors;
  auto d = RequiredDate(to, "to_on", "结束日期");
  if (!d.ok()) errors.push_back(d.error());
  else if (auto from = ParseDate(p.from_on); from && d.value() < *from)
    errors.push_back(Invalid("to_on", "结束日期不能早于结对开始日期（" + p.from_on + "）"));
  if (Trim(reason).empty()) errors.push_back(Invalid("reason", "请填写结束原因"));
  else if (Utf8Length(reason) > kMaxReasonChars) errors.push_back(Invalid("reason", "结束原因不超过 200 字"));
  if (!errors.empty()) return errors;
  if (!p.to_on.empty()) return Error{ErrorCode::kConflict, "该结对已于 " + p.to_on + " 结束", "to_on"};
  return Ok();
}

}  // namespace qizhi::health::outreach
