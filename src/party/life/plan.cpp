#include "party/life/plan.hpp"

#include "party/life/rules.hpp"
#include "platform/core/text.hpp"

namespace qizhi::party::life {

namespace {
constexpr std::size_t kMaxPlace = 100;
constexpr std::size_t kMaxTopic = 100;
constexpr std::size_t kMaxPerson = 20;
constexpr std::size_t kMaxNote = 500;
}  // namespace

Status ValidatePlan(const PlanInput& in, const Date& today) {
  Errors errors;
  if (in.type.empty()) errors.push_back(Invalid("type", "请选择会议类型"));
  else if (!IsMeetingType(in.type)) errors.push_back(Invalid("type", "会议类型无效"));
  if (in.date.empty()) {
    errors.push_back(Invalid("date", "请填写计划召开日期"));
  } else if (const auto d = ParseDate(in.date); !d) {
    errors.push_back(Invalid("date", "计划召开日期应为有效日期（YYYY-MM-DD）"));
  } else if (*d < today) {
    errors.push_back(Invalid("date", "计划召开日期不能早于今天；已召开的会议请直接登记会议记录"));
  }
  if (in.start_time.empty()) errors.push_back(Invalid("start_time", "请填写计划开始时间"));
  else if (!IsClockTime(in.start_time)) errors.push_back(Invalid("start_time", "开始时间应为 HH:MM（00:00 至 23:59）"));
  const auto text = [&errors](const char* field, std::string_view value, std::string_view label, std::size_t max,
                              bool required) {
    const std::string v = Trim(value);
    if (v.empty()) {
      if (required) errors.push_back(Invalid(field, "请填写" + std::string(label)));
    } else if (Utf8Length(v) > max) {
      errors.push_back(Invalid(field, std::string(label) + "不能超过 " + std::to_string(max) + " 字"));
    }
  };
  text("place", in.place, "会议地点", kMaxPlace, true);
  text("topic", in.topic, "会议主题", kMaxTopic, true);
  text("presenter", in.presenter, "主持人（主讲人）", kMaxPerson, false);
  text("note", in.note, "备注", kMaxNote, false);
  if (errors.empty()) return Ok();
  return errors;
}

bool PlanOverdue(std::string_view state, std::string_view planned_on, const Date& today) {
  if (state != kPlanPlanned) return false;
  const auto d = ParseDate(planned_on);
  return d && *d < today;
}

std::string PlanStateTitle(std::string_view state, std::string_view planned_on, const Date& today) {
  if (state == kPlanHeld) return "已召开";
  if (state == kPlanCancelled) return "已取消";
  return PlanOverdue(state, planned_on, today) ? "逾期未召开" : "计划中";
}

Status CheckHolding(const PlanFacts& plan, int64_t meeting_unit, std::string_view meeting_type) {
  if (plan.state == kPlanHeld) return Error{ErrorCode::kConflict, "该会议计划已登记召开，不能重复登记", "plan_id"};
  if (plan.state == kPlanCancelled) return Error{ErrorCode::kConflict, "该会议计划已取消，不能登记召开", "plan_id"};
  Errors errors;
  if (plan.unit_id != meeting_unit) errors.push_back(Invalid("plan_id", "会议计划属于其他党组织，请在计划所属组织下登记"));
  if (plan.type != meeting_type)
    errors.push_back(Invalid("plan_id", "会议类型与计划不一致（计划为" + MeetingTypeTitle(plan.type) + "）"));
  if (errors.empty()) return Ok();
  return errors;
}

}  // namespace qizhi::party::life
