#include "platform/core/date.hpp"

#include <chrono>
#include <cstdio>

namespace qizhi {
namespace {

using std::chrono::day;
using std::chrono::days;
using std::chrono::month;
using std::chrono::sys_days;
using std::chrono::year;
using std::chrono::year_month_day;
using std::chrono::year_month_day_last;

year_month_day ToYmd(const Date& d) {
  return year_month_day{year{d.year}, month{static_cast<unsigned>(d.month)},
                        day{static_cast<unsigned>(d.day)}};
}

Date FromYmd(const year_month_day& ymd) {
  return Date{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
              static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

// A day past the month's end (2024-02-31 after month arithmetic) becomes its last day.
Date Clamped(int y, int m, int d) {
  const year_month_day_last last{year{y},
                                 std::chrono::month_day_last{month{static_cast<unsigned>(m)}}};
  const int last_day = static_cast<int>(static_cast<unsigned>(last.day()));
  return Date{y, m, d > last_day ? last_day : d};
}

// Days since 1970-01-01 of a date that may be invalid: sys_days of an out-of-range day is
// unspecified, so the day is clamped first and the overflow added back.
sys_days ToSysDays(const Date& d) {
  if (d.month < 1 || d.month > 12) return sys_days{ToYmd(Date{d.year, 1, 1})};
  const Date c = Clamped(d.year, d.month, d.day < 1 ? 1 : d.day);
  return sys_days{ToYmd(c)} + days{d.day - c.day};
}

bool IsLeap(int y) { return year{y}.is_leap(); }

}  // namespace

std::optional<Date> ParseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const std::size_t starts[3] = {0, 5, 8};
  const std::size_t lengths[3] = {4, 2, 2};
  for (int p = 0; p < 3; ++p) {
    for (std::size_t i = starts[p]; i < starts[p] + lengths[p]; ++i) {
      const char c = text[i];
      if (c < '0' || c > '9') return std::nullopt;
      parts[p] = parts[p] * 10 + (c - '0');
    }
  }
  const Date d{parts[0], parts[1], parts[2]};
  // Year 0 does not exist in the civil calendar people write.
  if (d.year < 1 || !ToYmd(d).ok()) return std::nullopt;
  return d;
}

std::string FormatDate(const Date& d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

Date AddMonths(const Date& d, int months) {
  // Month index from year 0 keeps negative month counts simple.
  const long long index = static_cast<long long>(d.year) * 12 + (d.month - 1) + months;
  long long y = index / 12;
  long long m = index % 12;
  if (m < 0) {
    m += 12;
    --y;
  }
  return Clamped(static_cast<int>(y), static_cast<int>(m) + 1, d.day);
}

Date AddYears(const Date& d, int years) { return AddMonths(d, years * 12); }

Date AddDays(const Date& d, int n) { return FromYmd(year_month_day{ToSysDays(d) + days{n}}); }

int DaysBetween(const Date& a, const Date& b) {
  return static_cast<int>((ToSysDays(b) - ToSysDays(a)).count());
}

int AgeOn(const Date& birth, const Date& on) {
  int age = on.year - birth.year;
  int birthday_month = birth.month;
  int birthday_day = birth.day;
  if (birth.month == 2 && birth.day == 29 && !IsLeap(on.year)) {
    birthday_month = 3;
    birthday_day = 1;
  }
  if (on.month < birthday_month || (on.month == birthday_month && on.day < birthday_day)) --age;
  return age;
}

}  // namespace qizhi
