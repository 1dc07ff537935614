// The 组织生活日历: which range a calendar request may ask for, and on which day a Due item shows
// (the unit's fixed 主题党日 when the rule has one this month, else the last day of the period —
// the day it is due by). Pure, no I/O, thread-safe.
#pragma once
#include "party/life/rules.hpp"
#include "platform/core/result.hpp"

namespace qizhi::party::life {

// A month view shows six weeks; a quarter and a margin fit too. Longer ranges are refused so one
// request stays one small read.
inline constexpr int kMaxCalendarDays = 93;

struct DateRange {
  Date from;
  Date to;  // inclusive
};
// Both required, real dates, from ≤ to, at most kMaxCalendarDays days inclusive. All errors at
// once, naming `from` or `to`.
Result<DateRange> ParseCalendarRange(std::string_view from, std::string_view to);

// The day a Due item is shown on: fixed_on when set, else period_end.
Date CalendarDay(const Due& due);

}  // namespace qizhi::party::life
