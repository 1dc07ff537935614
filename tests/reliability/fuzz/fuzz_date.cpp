// Fuzz target: calendar dates (platform/core/date.cpp), what every date field of a request, a
// roster cell and an ID number's birth date goes through.
//
// Input: the text up to the first '\n' is given to ParseDate; the bytes after it (if any) choose a
// date and offsets for the arithmetic (FuzzedDataProvider).
// Checks:
// - ParseDate accepts exactly strict "YYYY-MM-DD" naming a real day of year 1-9999 (leap years
//   computed here, not by std::chrono), and FormatDate(ParseDate(x)) == x;
// - AddMonths/AddYears/AddDays of a valid date give a valid date: months land where the month
//   count says with the day clamped to the month's end; AddDays is undone by -n and DaysBetween
//   measures it; AgeOn(birth, AddYears(birth, k)) == k (k - 1 for a 29 February birthday in a
//   common year, the civil-law rule of date.hpp);
// - nothing crashes or overflows on dates that are not valid (month 0, day 40), which the
//   arithmetic is documented to tolerate.
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "platform/core/date.hpp"

namespace {

using namespace qizhi;
using namespace qizhi::fuzz;

bool ShouldParse(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!IsDigit(t[i])) return false;
  }
  const int y = std::stoi(std::string(t.substr(0, 4)));
  const int m = std::stoi(std::string(t.substr(5, 2)));
  const int d = std::stoi(std::string(t.substr(8, 2)));
  return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= DaysInMonth(y, m);
}

bool Valid(const Date& d) {
  return d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= DaysInMonth(d.year, d.month);
}

std::string Show(const Date& d) {
  return std::to_string(d.year) + "/" + std::to_string(d.month) + "/" + std::to_string(d.day);
}

void CheckArithmetic(const Date& d, FuzzedDataProvider& in) {
  // Offsets keep results within std::chrono::year's ±32767, far beyond any real record.
  const int months = in.ConsumeIntegralInRange<int>(-100'000, 100'000);
  const Date m = AddMonths(d, months);
  QZ_CHECK(Valid(m), Show(d) + " + " + std::to_string(months) + " months = " + Show(m));
  const long long index = d.year * 12LL + (d.month - 1) + months;
  QZ_CHECK(m.year * 12LL + (m.month - 1) == index, Show(m));
  QZ_CHECK(m.day == std::min(d.day, DaysInMonth(m.year, m.month)), Show(m));

  const int years = in.ConsumeIntegralInRange<int>(-8'000, 8'000);
  QZ_CHECK(AddYears(d, years) == AddMonths(d, years * 12), Show(d) + " + " + std::to_string(years) + " years");

  const int days = in.ConsumeIntegralInRange<int>(-3'000'000, 3'000'000);
  const Date e = AddDays(d, days);
  QZ_CHECK(Valid(e), Show(d) + " + " + std::to_string(days) + " days = " + Show(e));
  QZ_CHECK(AddDays(e, -days) == d, Show(e));
  QZ_CHECK(DaysBetween(d, e) == days, Show(e));
  QZ_CHECK((e > d) == (days > 0) && (e == d) == (days == 0), Show(e));
  const Date next = AddDays(d, 1);
  QZ_CHECK(Valid(next) && next > d && DaysBetween(d, next) == 1, Show(next));

  const int age = in.ConsumeIntegralInRange<int>(0, 150);
  const Date birthday = AddYears(d, age);
  const bool moved = d.month == 2 && d.day == 29 && !IsLeapYear(birthday.year);
  QZ_CHECK(AgeOn(d, birthday) == (moved && age > 0 ? age - 1 : age), Show(d) + " age " + std::to_string(age));
  QZ_CHECK(AgeOn(d, AddDays(birthday, 1)) == age, Show(d) + " age " + std::to_string(age) + " + 1 day");

  if (m.year >= 1 && m.year <= 9999) {
    const auto again = ParseDate(FormatDate(m));
    QZ_CHECK(again && *again == m, FormatDate(m));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view all(reinterpret_cast<const char*>(data), size);
  const std::size_t nl = all.find('\n');
  const std::string_view text = all.substr(0, nl);
  const std::string_view rest = nl == std::string_view::npos ? std::string_view() : all.substr(nl + 1);

  const auto parsed = ParseDate(text);
  QZ_CHECK(parsed.has_value() == ShouldParse(text), std::string(text));
  if (parsed) {
    QZ_CHECK(FormatDate(*parsed) == text, FormatDate(*parsed));
    QZ_CHECK(Valid(*parsed) && parsed->year >= 1 && parsed->year <= 9999, Show(*parsed));
  }

  FuzzedDataProvider in(reinterpret_cast<const uint8_t*>(rest.data()), rest.size());
  Date d;
  if (parsed) {
    d = *parsed;
  } else {
    d.year = in.ConsumeIntegralInRange<int>(1, 9999);
    d.month = in.ConsumeIntegralInRange<int>(1, 12);
    d.day = in.ConsumeIntegralInRange<int>(1, DaysInMonth(d.year, d.month));
  }
  CheckArithmetic(d, in);

  // Not a valid date: whatever comes out, nothing may crash (ToSysDays clamps such dates).
  Date odd{in.ConsumeIntegralInRange<int>(-30'000, 30'000), in.ConsumeIntegralInRange<int>(-20, 40),
           in.ConsumeIntegralInRange<int>(-100, 100)};
  (void)AddDays(odd, in.ConsumeIntegralInRange<int>(-1'000'000, 1'000'000));
  (void)DaysBetween(odd, d);
  (void)AgeOn(odd, d);
  (void)FormatDate(odd);
  if (odd.month >= 1 && odd.month <= 12) (void)AddMonths(odd, in.ConsumeIntegralInRange<int>(-1200, 1200));
  return 0;
}
