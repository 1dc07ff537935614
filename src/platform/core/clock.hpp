// Time as the system stores it: UTC ISO 8601 with milliseconds ("2026-11-24T08:30:00.123Z"),
// which sorts as text on both databases.
#pragma once
#include <cstdint>
#include <string>

#include "platform/core/date.hpp"

namespace qizhi {

int64_t NowUnixMillis();
inline int64_t NowUnix() { return NowUnixMillis() / 1000; }
std::string FormatUtc(int64_t unix_millis);
std::string NowUtc();
// Parses the stored form (and the date-only "YYYY-MM-DD" as midnight UTC); -1 if malformed.
int64_t ParseUtcMillis(const std::string& text);
// Today's date in Asia/Shanghai (UTC+8, no DST), "YYYY-MM-DD": what a user means by "today".
std::string TodayShanghai();
// The same as a Date, for the rules.
Date TodayDate();

}  // namespace qizhi
