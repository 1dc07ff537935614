// Meeting plans (会议计划): a meeting put on the calendar before it is held. What a valid plan is,
// and whether a meeting may be recorded as the holding of a plan. Pure, no I/O, thread-safe.
//
// A plan is planned → held (a meeting recorded from it) or planned → cancelled (with a reason);
// held and cancelled are final. A planned plan whose date has passed is 逾期未召开 until it is
// held or cancelled: plans never count as meetings (the cadence counts held meetings only).
#pragma once
#include <string>
#include <string_view>

#include "platform/core/date.hpp"
#include "platform/core/result.hpp"

namespace qizhi::party::life {

inline constexpr std::string_view kPlanPlanned = "planned";
inline constexpr std::string_view kPlanHeld = "held";
inline constexpr std::string_view kPlanCancelled = "cancelled";

// Required: type (known), date (real, today or later — a plan is for the future; a meeting
// already held is recorded as a meeting), start_time (HH:MM), place (≤100 字), topic (≤100 字);
// optional presenter (≤20 字) and note (≤500 字). Errors name these fields; all at once.
struct PlanInput {
  std::string type;
  std::string date;
  std::string start_time;
  std::string place;
  std::string topic;
  std::string presenter;
  std::string note;
};
Status ValidatePlan(const PlanInput& in, const Date& today);

// planned whose date is before today.
bool PlanOverdue(std::string_view state, std::string_view planned_on, const Date& today);
// 计划中, 逾期未召开, 已召开, 已取消.
std::string PlanStateTitle(std::string_view state, std::string_view planned_on, const Date& today);

// A meeting of `meeting_unit` and `meeting_type` recorded as the holding of a plan: the plan must
// still be planned (409 naming plan_id otherwise) and be of the same unit and type (400 naming
// plan_id). The meeting's date may differ from the planned one: meetings move.
struct PlanFacts {
  int64_t unit_id = 0;
  std::string type;
  std::string state;
};
Status CheckHolding(const PlanFacts& plan, int64_t meeting_unit, std::string_view meeting_type);

}  // namespace qizhi::party::life
