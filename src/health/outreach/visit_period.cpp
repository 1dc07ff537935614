#include "health/outreach/visit_period.hpp"

#include <algorithm>

#include "platform/core/text.hpp"

namespace qizhi::health::outreach {

namespace {

const char* const kQuarterNames[] = {"第一季度", "第二季度", "第三季度", "第四季度"};

bool Digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

Result<VisitPeriod> ParseVisitPeriod(const PeriodInput& in) {
  VisitPeriod p;
  p.kind = in.kind;
  if (in.kind == kPeriodMonth) {
    const std::string_view v = in.value;
    const auto d = v.size() == 7 && v[4] == '-' && Digits(v.substr(0, 4)) && Digits(v.substr(5, 2))
                       ? ParseDate(std::string(v) + "-01")
                       : std::nullopt;
    if (!d) return Invalid("period", "月份应为 YYYY-MM，如 2026-11");
    p.key = in.value;
    p.start = *d;
    p.end = AddDays(AddMonths(*d, 1), -1);
    p.title = std::to_string(d->year) + "年" + std::to_string(d->month) + "月";
    return p;
  }
  if (in.kind == kPeriodQuarter) {
    const std::string_view v = in.value;
    if (v.size() != 7 || v.substr(4, 2) != "-Q" || !Digits(v.substr(0, 4)) || v[6] < '1' || v[6] > '4')
      return Invalid("period", "季度应为 YYYY-Qn，如 2026-Q4");
    const int year = std::stoi(std::string(v.substr(0, 4)));
    const int q = v[6] - '0';
    if (year < 1900) return Invalid("period", "季度应为 YYYY-Qn，如 2026-Q4");
    p.key = in.value;
    p.start = Date{year, (q - 1) * 3 + 1, 1};
    p.end = AddDays(AddMonths(p.start, 3), -1);
    p.title = std::to_string(year) + "年" + kQuarterNames[q - 1];
    return p;
  }
  if (in.kind == kPeriodCampaign) {
    Errors errors;
    const auto from = ParseDate(in.from);
    const auto to = ParseDate(in.to);
    if (!from) errors.push_back(Invalid("from", in.from.empty() ? "请填写开始日期" : "开始日期应为 YYYY-MM-DD"));
    if (!to) errors.push_back(Invalid("to", in.to.empty() ? "请填写结束日期" : "结束日期应为 YYYY-MM-DD"));
    if (from && to) {
      if (*to < *from) errors.push_back(Invalid("to", "结束日期不能早于开始日期"));
      else if (DaysBetween(*from, *to) + 1 > kMaxCampaignDays) errors.push_back(Invalid("to", "一次走访活动不能超过一年"));
    }
    const std::string title = Trim(in.title);
    if (title.empty()) errors.push_back(Invalid("title", "请填写走访活动名称"));
    else if (Utf8Length(title) > 50) errors.push_back(Invalid("title", "走访活动名称不能超过 50 字"));
    if (!errors.empty()) return errors;
    p.key = in.from + ".." + in.to;
    p.start = *from;
    p.end = *to;
    p.title = title;
    return p;
  }
  return Invalid("period_kind", "周期类型应为 month（月）、quarter（季度）或 campaign（专项走访）");
}

std::optional<Date> JudgedOn(const VisitPeriod& p, const Date& today) {
  if (today < p.start) return std::nullopt;
  return std::min(today, p.end);
}

}  // namespace qizhi::health::outreach
