// The county's 建档立卡 list as a file (.xlsx or .csv, one row per person, the household's columns
// on its 户主's row): the columns, turning a grid (platform/export/sheet_reader) into person and
// household rows with per-row, per-field Chinese errors, and the template. Pure: cells in, values
// out. Which village a 村 cell names, and whether an ID number is already registered, are for the
// import's planning against the database (import_routes.cpp).
#pragma once
#include <string>
#include <vector>

#include "health/registry/rules.hpp"
#include "platform/export/sheet_reader.hpp"

namespace qizhi::health::registry {

struct ImportColumn {
  std::string title;
  std::string field;  // the request field the column feeds (errors name it)
  bool required;      // on every row (household columns: on the 户主's row)
};
// 村, 户编号, 姓名, 身份证号, 与户主关系, 联系电话, 致贫原因, 户类型, 状态日期, 慢性病, 残疾,
// 人均纯收入(元); optional 建档日期, 收入年度.
const std::vector<ImportColumn>& ImportColumns();

struct ImportRow {
  int line = 0;               // 1-based row in the file
  std::string village;        // 村 as written: a 12-digit code or a village's exact name
  std::string number;         // 户编号: rows of one household share it
  PersonInput person;
  HouseholdInput household;   // meaningful on the 户主's row (village_code left empty)
  bool registered_given = false;  // 建档日期 filled in (else registered_on = status_since)
  bool valid = false;         // no error names this line; person is ValidatePerson's output
  std::string birth_date, sex, chronic;  // ValidPerson's, when valid
};
struct ImportError {
  int line = 0;
  std::string field;
  std::string column;
  std::string message;
};
struct ParsedImport {
  std::vector<ImportRow> rows;
  std::vector<ImportError> errors;
};

// Headers by title (any order; a title row above them is skipped; 户类型 also as 状态 or
// 户类型/状态), blank rows skipped; dates as 2020-07-01, 2020/7/1, 2020.7.1, 2020年7月1日 or
// 20200701; income in 元 with at most two decimals (read as text, never floating point);
// 户类型 as 未脱贫/脱贫/监测对象, a monitor kind alone (边缘易致贫户 → 监测对象) or
// 监测对象（边缘易致贫户）. A duplicate ID number in the file, a household with no or two 户主,
// and household columns missing on the 户主's row are errors of the row concerned.
ParsedImport ParseImport(const platform::sheet::Grid& grid, const Date& today);

// 1234.5 → 123450 fen; nullopt for anything but a non-negative amount with ≤ 2 decimals.
std::optional<int64_t> YuanToFen(std::string_view text);
// The normalised date, "" for empty, nullopt when unreadable.
std::optional<std::string> NormalizeImportDate(std::string_view text);

}  // namespace qizhi::health::registry
