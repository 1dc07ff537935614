// A home visit as recorded (入户走访): what the form or the phone's offline queue sends, checked
// against the household's current members on the visit day. Pure, no I/O, thread-safe.
// Errors name the request's fields (client_id, visited_on, actions, persons[2].reason, …), in
// Chinese, all at once.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/core/date.hpp"
#include "platform/core/result.hpp"

namespace qizhi::health::outreach {

// What a team may do at a visit (the form's checkboxes); stored joined by ','.
const std::vector<std::string>& VisitActions();
// Why a member was not seen. 其他 needs a note.
const std::vector<std::string>& NotSeenReasons();

// Measurement ranges a device or a hand could plausibly produce; outside is a typing error.
inline constexpr int kSystolicMin = 60, kSystolicMax = 260;     // mmHg
inline constexpr int kDiastolicMin = 30, kDiastolicMax = 160;   // mmHg
inline constexpr int kGlucoseMin = 10, kGlucoseMax = 333;       // 0.1 mmol/L: 1.0–33.3
inline constexpr std::size_t kMaxVisitText = 500;               // findings, needs, next steps
inline constexpr std::size_t kMaxNote = 100;                    // a not-seen note
// A visit may be recorded up to a year late (a paper form typed in), never ahead of today.
inline constexpr int kMaxLateDays = 366;

struct VisitPersonInput {
  int64_t person_id = 0;
  std::optional<bool> seen;  // nullopt: not answered
  std::string reason, note;
  std::optional<int> systolic, diastolic, glucose;
};

struct VisitInput {
  std::string client_id;
  std::string visited_on;
  std::vector<std::string> actions;
  std::string findings, needs, next_steps;
  std::vector<VisitPersonInput> persons;
};

// A client-generated id: a UUID in its canonical 8-4-4-4-12 hexadecimal form (any case).
bool IsClientId(std::string_view s);

// Checks the fields and that `persons` has exactly one line for each of `members` (the
// household's current members on the visit day) and none for anyone else.
Status ValidateVisit(const VisitInput& in, const std::vector<int64_t>& members, const Date& today);

// The status of a service plan item (个性化服务方案的一项) and the changes allowed: 未开始 →
// 进行中 | 已完成 | 取消; 进行中 → 已完成 | 取消; 已完成 and 取消 are final (a new need is a new item).
const std::vector<std::string>& ServiceItemStatuses();
bool IsServiceItemStatus(std::string_view s);
Status CheckStatusChange(std::string_view from, std::string_view to);

struct ServiceItemInput {
  std::string item, owner, due_on, note;
};
// item (≤ 100 字) and owner (≤ 20 字) required; due_on a date when given; note ≤ 200 字.
Status ValidateServiceItem(const ServiceItemInput& in);

}  // namespace qizhi::health::outreach
