#include "party/life/calendar.hpp"

#include <string>

namespace qizhi::party::life {

Result<DateRange> ParseCalendarRange(std::string_view from, std::string_view to) {
  Errors errors;
  const auto parse = [&errors](std::string_view text, const char* field, const char* what) -> std::optional<Date> {
    if (text.empty()) {
      errors.push_back(Invalid(field, std::string("请选择") + what));
      return std::nullopt;
    }
    auto d = ParseDate(text);
    if (!d) errors.push_back(Invalid(field, "日期格式应为 YYYY-MM-DD"));
    return d;
  };
  const auto f = parse(from, "from", "开始日期");
  const auto t = parse(to, "to", "结束日期");
  if (f && t) {
    if (*t < *f) errors.push_back(Invalid("to", "结束日期不能早于开始日期"));
    else if (DaysBetween(*f, *t) + 1 > kMaxCalendarDays)
      errors.push_back(Invalid("to", "日历一次最多查询 " + std::to_string(kMaxCalendarDays) + " 天"));
  }
  if (!errors.empty()) return errors;
  return DateRange{*f, *t};
}

Date CalendarDay(const Due& due) { return due.fixed_on ? *due.fixed_on : due.period_end; }

}  // namespace qizhi::party::life
