// Calendar dates of the domain ("YYYY-MM-DD"): the date a member joined, a term ends, a visit
// took place. Pure functions over std::chrono's civil calendar, thread-safe, never throw.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace qizhi {

struct Date {
  int year = 0;
  int month = 0;  // 1-12
  int day = 0;    // 1-31
  auto operator<=>(const Date&) const = default;
};

// Strict "YYYY-MM-DD" naming a real day (2023-02-29 is refused); nullopt otherwise.
std::optional<Date> ParseDate(std::string_view text);
std::string FormatDate(const Date& d);
// Month arithmetic clamps to the month's last day: 2024-01-31 + 1 month = 2024-02-29.
Date AddMonths(const Date& d, int months);
Date AddYears(const Date& d, int years);  // 2024-02-29 + 1 year = 2025-02-28
Date AddDays(const Date& d, int days);
// b - a in days (negative when b is earlier).
int DaysBetween(const Date& a, const Date& b);
// Full years of age on `on` for someone born on `birth` (a 29 February birthday counts on
// 1 March in common years, as Chinese civil law reckons it).
int AgeOn(const Date& birth, const Date& on);

}  // namespace qizhi
