// The 学习强国 organisation statistics (注册率, 活跃度, 人均积分 per unit) as the platform's
// management console exports them to .xlsx. Imported by hand from that file, never fetched: the
// platform offers hospitals no interface, and the numbers are what it said on the day of the
// export. Pure: a cell grid in, rows with per-row, per-field Chinese errors out.
//
// Rates are integers in per mille (98.5% → 985) and points in tenths (1523.6 → 15236): they are
// summed and compared in reports, so no floating point reaches the database.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/core/date.hpp"
#include "platform/core/result.hpp"
#include "platform/export/sheet_reader.hpp"

namespace qizhi::party::study {

struct XuexiColumn {
  std::string title;                 // 组织名称 …
  std::string field;                 // unit, members, registered, registration_rate, active_rate, avg_points
  bool required = false;
  std::vector<std::string> aliases;  // other headers seen in exports of different years
};
// 组织名称*, 成员数*, 注册人数*, 注册率, 活跃度, 人均积分 (* required).
const std::vector<XuexiColumn>& XuexiColumns();

struct XuexiRow {
  int line = 0;                        // 1-based line in the file
  std::string unit;                    // 组织名称 as written (trimmed)
  int members = 0;
  int registered = 0;
  int registration_rate = 0;           // per mille; computed from the counts when the file has none
  std::optional<int> active_rate;      // per mille
  std::optional<int> avg_points;       // tenths of a point
  bool valid = false;                  // no error names this line
};
struct XuexiError {
  int line = 0;
  std::string field;
  std::string column;  // header title, for the user
  std::string message;
};
struct ParsedXuexi {
  std::vector<XuexiRow> rows;
  std::vector<XuexiError> errors;
};
// The header is the first of the first 10 rows naming at least two columns (title rows such as
// "学习强国组织学习情况统计" may sit above it). A row for the same 组织名称 twice is an error on
// the second. A 合计/总计 row is skipped: totals are computed, not imported.
ParsedXuexi ParseXuexi(const platform::sheet::Grid& grid);

// "98.5%", "98.5", "0.985" (a fraction, as Excel stores a percent cell) → 985. 0-100% only.
std::optional<int> ParsePercentPerMille(std::string_view text);
// "1523.6" → 15236, "1523" → 15230; at most one decimal is kept (rounded half up). ≥ 0 only.
std::optional<int> ParseTenths(std::string_view text);
// The statistics month: "YYYY-MM", a real month not after the month of `today`.
Status ValidatePeriod(std::string_view period, const Date& today);

}  // namespace qizhi::party::study
