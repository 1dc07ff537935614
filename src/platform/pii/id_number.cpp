#include "platform/pii/id_number.hpp"

#include <array>
#include <chrono>
#include <cstdio>

namespace qizhi::platform::pii {
namespace {

constexpr std::size_t kIdLength = 18;
// GB 11643-1999 §8.2: weight of position i is 2^(17-i) mod 11.
constexpr std::array<int, 17> kWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::string_view kCheckCharacters = "10X98765432";
// Nobody alive was born before 1900, so such a date is a typo in the year, not a real record.
constexpr std::string_view kEarliestBirthDate = "1900-01-01";

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

int Number(std::string_view digits) {
  int n = 0;
  for (char c : digits) n = n * 10 + (c - '0');
  return n;
}

bool IsCalendarDate(int y, int m, int d) {
  return std::chrono::year_month_day{std::chrono::year{y}, std::chrono::month{unsigned(m)},
                                     std::chrono::day{unsigned(d)}}
      .ok();
}

// "YYYY-MM-DD" → true when it is a real date.
bool IsIsoDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!IsDigit(s[i])) return false;
  }
  return IsCalendarDate(Number(s.substr(0, 4)), Number(s.substr(5, 2)), Number(s.substr(8, 2)));
}

// Birth dates are written in Chinese local time; China has kept UTC+8 without DST since 1991.
std::string TodayInChina() {
  using namespace std::chrono;
  const year_month_day ymd{floor<days>(system_clock::now() + hours{8})};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()),
                unsigned(ymd.day()));
  return buf;
}

}  // namespace

char IdNumberCheckCharacter(std::string_view first17) {
  if (first17.size() != kWeights.size()) return '\0';
  int sum = 0;
  for (std::size_t i = 0; i < kWeights.size(); ++i) {
    if (!IsDigit(first17[i])) return '\0';
    sum += (first17[i] - '0') * kWeights[i];
  }
  return kCheckCharacters[sum % 11];
}

Result<IdNumberInfo> ParseIdNumber(std::string_view id, std::string_view field) {
  return ParseIdNumber(id, field, TodayInChina());
}

Result<IdNumberInfo> ParseIdNumber(std::string_view id, std::string_view field,
                                   std::string_view today) {
  const std::string f(field);
  if (!IsIsoDate(today)) {
    return Error{ErrorCode::kInternal, "系统日期无效：" + std::string(today), f};
  }
  id = Trim(id);
  if (id.empty()) return Invalid(f, "请填写身份证号");
  if (id.size() != kIdLength) return Invalid(f, "身份证号应为 18 位");

  std::string normalized(id);
  if (normalized.back() == 'x') normalized.back() = 'X';
  for (std::size_t i = 0; i + 1 < kIdLength; ++i) {
    if (!IsDigit(normalized[i])) {
      return Invalid(f, "身份证号前 17 位应为数字，最后一位为数字或 X");
    }
  }
  if (!IsDigit(normalized.back()) && normalized.back() != 'X') {
    return Invalid(f, "身份证号前 17 位应为数字，最后一位为数字或 X");
  }

  const std::string_view digits(normalized);
  const int year = Number(digits.substr(6, 4));
  const int month = Number(digits.substr(10, 2));
  const int day = Number(digits.substr(12, 2));
  if (!IsCalendarDate(year, month, day)) return Invalid(f, "身份证号出生日期无效");
  std::string birth_date = std::string(digits.substr(6, 4)) + '-' +
                           std::string(digits.substr(10, 2)) + '-' +
                           std::string(digits.substr(12, 2));
  if (birth_date < kEarliestBirthDate) {
    return Invalid(f, "身份证号出生日期不能早于 1900 年");
  }
  if (birth_date > today) return Invalid(f, "身份证号出生日期不能晚于今天");

  if (IdNumberCheckCharacter(digits.substr(0, 17)) != normalized.back()) {
    return Invalid(f, "身份证号校验位错误");
  }

  IdNumberInfo info;
  info.region_code = normalized.substr(0, 6);
  info.birth_date = std::move(birth_date);
  info.sex = (normalized[16] - '0') % 2 == 1 ? 'M' : 'F';
  info.normalized = std::move(normalized);
  return info;
}

Status CheckSexMatches(const IdNumberInfo& info, char sex, std::string_view field) {
  const std::string f(field);
  if (sex == 'm') sex = 'M';
  if (sex == 'f') sex = 'F';
  if (sex != 'M' && sex != 'F') return Invalid(f, "性别应为男或女");
  if (sex != info.sex) return Invalid(f, "身份证号与性别不符");
  return Ok();
}

}  // namespace qizhi::platform::pii
