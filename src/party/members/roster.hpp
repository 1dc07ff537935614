// The member roster as a file: the column order of the 全国党员管理信息系统 党员名册, turning a
// roster read from .csv or .xlsx (platform/export/sheet_reader) into rows of MemberInput (with per-row, per-field Chinese errors),
// and the cells of an export row. Pure: bytes in, values out; no database, no HTTP.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "party/members/rules.hpp"
#include "platform/core/result.hpp"
#include "platform/export/sheet_reader.hpp"

namespace qizhi::party::members {

// Columns in roster order. `field` is the MemberInput field (or "unit" for 所在党组织).
struct RosterColumn {
  std::string title;  // header text in the file
  std::string field;
  bool required;
};
// 序号 is not a column here (it is generated on export, ignored on import).
// 姓名, 性别, 公民身份号码, 民族, 籍贯, 学历, 人员类别, 所在党组织, 党员类别, 入党日期, 转正日期,
// 工作岗位, 联系电话, 是否困难党员, 困难情况, 是否流动党员, 外出流向, 外出日期
const std::vector<RosterColumn>& RosterColumns();

// The roster file as read by platform/export/sheet_reader (CSV or .xlsx); first row is the
// header (or a title row above it).
using platform::sheet::Grid;
using platform::sheet::ReadCsv;
using platform::sheet::ReadXlsx;
inline Result<Grid> ReadRosterFile(std::string_view bytes) { return platform::sheet::ReadFile(bytes); }

struct RosterRow {
  int line = 0;          // 1-based row number in the file (header is 1)
  MemberInput member;
  std::string unit;      // 所在党组织 as written: a unit's name, or "党支部/党小组" for a group
  // No error names this line: `member` is ValidateMember's normalised record (trimmed, upper-case
  // X). Otherwise `member` holds the converted cells as found and must not be stored.
  bool valid = false;
};
struct RowError {
  int line = 0;
  std::string field;     // MemberInput field or "unit"
  std::string column;    // header title, for the user
  std::string message;
};
struct ParsedRoster {
  std::vector<RosterRow> rows;   // every non-blank row after the header, valid or not
  std::vector<RowError> errors;  // header problems use the header's line (1 but for a title row)
};
// Maps headers by title (any order, extra columns ignored; a missing required column is an
// error on line 1), skips blank rows, converts 是/否, dates written 2020/7/1 or 2020.07.01 or
// 2020年7月1日 to YYYY-MM-DD, and validates each row with ValidateMember. A duplicate ID number
// inside the file is an error on the later row.
// Also accepted: a title row (党员名册) above the header, "*" marks on header titles, the
// aliases 身份证号/身份证号码, 手机号/手机号码, 所在支部, 党员身份; 预备党员/正式党员, 男性/女性;
// TRUE/FALSE, 1/0, Y/N besides 是/否 (empty = 否); dates also as 2020-7-1, 20200701 and
// "2020/7/1 0:00". Errors of one row come in column order.
ParsedRoster ParseRoster(const Grid& grid, const Date& today);

// Cells of one export row in RosterColumns() order (personal data as given: the caller masks).
struct RosterExportRow {
  MemberInput member;
  std::string unit;
};
std::vector<std::string> ExportCells(const RosterExportRow& row);

}  // namespace qizhi::party::members
