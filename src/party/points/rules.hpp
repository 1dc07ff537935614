// Rules of member points (党员积分). There is no national standard, so the scheme is data per
// tenant: for each action (参加会议, 讲党课, 无故缺席, 手工加分/扣分…) a rule says the points, a
// cycle (once, day, month, quarter, year), a cap per cycle and a cap per year. A change to a rule
// is a new version effective from a date; the old versions stay and keep judging their dates.
// Points are per calendar year (the yearly reset); past years stay readable.
//
// Award() is the whole computation: a member's dated events (from meetings, manual entries…)
// in date order, each given the points of the rule version in force that day, cut so that the
// action's total in the cycle and in the year never exceeds the caps (by magnitude: a deduction
// is capped as a bonus is), with the reason whenever an event got less than its base.
// Pure functions, no I/O, thread-safe.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "platform/core/date.hpp"
#include "platform/core/result.hpp"

namespace qizhi::party::points {

// Actions, as stored. The first three are earned from organisational life, the manual ones are
// entered by hand and count only once a second person approved them.
inline constexpr std::string_view kMeetingAttend = "meeting_attend";  // 参加组织生活
inline constexpr std::string_view kMeetingAbsent = "meeting_absent";  // 无故缺席组织生活
inline constexpr std::string_view kLecture = "lecture";               // 讲党课
inline constexpr std::string_view kManualBonus = "manual_bonus";      // 手工加分（表彰、志愿服务等）
inline constexpr std::string_view kManualDeduct = "manual_deduct";    // 手工扣分
// Earned from the dues and commendation areas.
inline constexpr std::string_view kDuesOnTime = "dues_on_time";       // 按时交纳党费 (a month fully paid by its end)
inline constexpr std::string_view kCommendation = "commendation";     // 受到表彰 (优秀共产党员, 优秀党务工作者)

struct Action {
  std::string code;
  std::string title;
  bool manual = false;  // entered by hand, needs approval
  int sign = 1;         // +1 earns, -1 deducts
};
const std::vector<Action>& Actions();
const Action* FindAction(std::string_view code);

// Cycles: once (one award ever), day, month, quarter, year.
const std::vector<std::pair<std::string, std::string>>& Cycles();  // code → 中文
bool IsCycle(std::string_view code);
// The cycle an event on `d` falls in: "" (once), "2026-03-05", "2026-03", "2026-Q1", "2026".
std::string CycleKey(std::string_view cycle, const Date& d);

// One version of a tenant's rule for an action. points: the magnitude per event (for manual
// actions the default an entry proposes; the entry's own points count). Caps are magnitudes;
// 0 means none.
struct PointRule {
  int64_t id = 0;
  std::string action;
  std::string name;
  int64_t points = 0;
  std::string cycle = "once";
  int64_t cycle_cap = 0;
  int64_t year_cap = 0;
  std::string effective_from;  // YYYY-MM-DD
  bool enabled = true;
  std::string note;
};

// What a new tenant starts with (also seeded by migration 0009 for tenants that existed before).
std::vector<PointRule> DefaultRules();

// A new version: action known; name 1-40 characters; points 0-100 (a manual action's default
// 1-100); cycle known; caps 0-10000, the year cap not below the cycle cap, a cycle cap not below
// one event's points; effective_from a real date, in `today`'s year or later (past years are
// closed), after the action's latest version (`latest_from`, "" when none). All errors at once.
Status ValidateRule(const PointRule& rule, const std::string& today, const std::string& latest_from);

// The version of `action` in force on `date`: the latest effective_from on or before it.
const PointRule* RuleInForce(const std::vector<PointRule>& versions, std::string_view action, const std::string& date);

// Something a member did that a rule may award. points: a manual entry's own magnitude.
struct PointEvent {
  int64_t member_id = 0;
  std::string action;
  std::string date;    // YYYY-MM-DD
  std::string source;  // meeting | entry | …: where it comes from
  int64_t source_id = 0;
  std::string detail;  // "2026-03-05 支部党员大会：学习…"
  std::optional<int64_t> points;
};

struct AwardedEvent {
  PointEvent event;
  std::string rule_name;
  int64_t rule_id = 0;
  int64_t base = 0;    // what the rule (or entry) gives, signed
  int64_t points = 0;  // what counted, signed
  std::string reason;  // why points differ from base ("本月已达上限 10 分"); "" otherwise
};

// Every event with its awarded points, in the order they were judged (member, date, source,
// source id). Events of all years belong in `events`: a once-only rule looks at earlier years,
// the caps only at their own cycle and year.
std::vector<AwardedEvent> Award(std::vector<PointEvent> events, const std::vector<PointRule>& rules);

// Sum of awarded points of `year` ("2026") per member.
struct MemberTotal {
  int64_t member_id = 0;
  int64_t points = 0;
  int rank = 0;  // competition ranking: equal points share a rank, the next rank skips (1, 2, 2, 4)
};
// Ranks totals (points descending; equal points share the rank, listed by member id).
std::vector<MemberTotal> Rank(std::vector<MemberTotal> totals);

// A manual entry as proposed: action manual; points 1-100; date real, in `today`'s year and not
// after today (closed years stay closed); reason 2-200 characters.
struct EntryInput {
  std::string action;
  int64_t points = 0;
  std::string occurred_on;
  std::string reason;
};
Status ValidateEntry(const EntryInput& in, const std::string& today);
// The proposer never decides their own entry; only a pending entry is decided.
Status CanDecide(int64_t proposer, int64_t decider, std::string_view status);

// 2026 when `year` is empty; a year 2000..today's year otherwise; errors name `year`.
Result<int> ParseYear(const std::string& year, const std::string& today);

}  // namespace qizhi::party::points
