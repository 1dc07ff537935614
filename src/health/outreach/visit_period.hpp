// Visit plan periods: a month ("2026-11"), a calendar quarter ("2026-Q4") or a campaign with its
// own dates and name (a 走访 drive before the Spring Festival). Pure, no I/O, thread-safe.
#pragma once
#include <string>
#include <string_view>

#include "platform/core/date.hpp"
#include "platform/core/result.hpp"

namespace qizhi::health::outreach {

inline constexpr std::string_view kPeriodMonth = "month";
inline constexpr std::string_view kPeriodQuarter = "quarter";
inline constexpr std::string_view kPeriodCampaign = "campaign";

// A campaign may not run longer than a year: coverage is judged per period.
inline constexpr int kMaxCampaignDays = 366;

struct VisitPeriod {
  std::string kind;   // month | quarter | campaign
  std::string key;    // "2026-11", "2026-Q4", "2026-01-10..2026-02-08"
  Date start;
  Date end;           // inclusive
  std::string title;  // "2026年11月", "2026年第四季度", the campaign's name
};

// month: `value` "YYYY-MM"; quarter: `value` "YYYY-Qn" (n 1-4); campaign: `from`, `to` (dates,
// from ≤ to, at most kMaxCampaignDays days inclusive) and `title` (required, ≤ 50 字). Errors
// name period_kind, period, from, to or title; all at once.
struct PeriodInput {
  std::string kind;
  std::string value;
  std::string from, to, title;
};
Result<VisitPeriod> ParseVisitPeriod(const PeriodInput& in);

// The day a period is judged on: today while it runs, its last day once over. Before it starts
// there is nothing to judge yet: nullopt.
std::optional<Date> JudgedOn(const VisitPeriod& p, const Date& today);

}  // namespace qizhi::health::outreach
