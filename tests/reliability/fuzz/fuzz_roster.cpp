// Fuzz target: the roster import (party/members/roster.cpp): ReadRosterFile (CSV, or .xlsx
// through libzip and pugixml) and ParseRoster with ValidateMember on every row.
//
// Two kinds of input:
// - any bytes: the uploaded file as is (a CSV, an .xlsx, an old .xls, garbage);
// - "QZXLSX\n" then XML parts separated by "\n=====\n", in the order xl/workbook.xml,
//   xl/_rels/workbook.xml.rels, xl/worksheets/sheet1.xml, xl/sharedStrings.xml, xl/styles.xml:
//   they are zipped here (stored, valid CRCs) so that mutations reach the XML readers instead of
//   dying on the zip's checksums.
//
// Checks: a refused file has field "file", code 400 and a Chinese message; a grid that is valid
// UTF-8 survives a round trip through an RFC 4180 writer and ReadCsv; ParseRoster's errors all
// have a line of the file, a field, a Chinese message and, unless about the whole file, the
// column title the user sees; a row is valid exactly when no error names its line; a valid row
// validates again, has an 18-character ID number and a unit, and no two valid rows share an ID.
#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_support.hpp"
#include "party/members/roster.hpp"
#include "party/members/rules.hpp"
#include "platform/core/date.hpp"

namespace {

using namespace qizhi;
using namespace qizhi::fuzz;
using namespace qizhi::party::members;

const Date kToday{2026, 11, 24};
constexpr std::string_view kPartsMagic = "QZXLSX\n";
constexpr std::string_view kPartSeparator = "\n=====\n";
constexpr std::array<const char*, 5> kPartNames = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                                                   "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml",
                                                   "xl/styles.xml"};

uint32_t Crc32(std::string_view s) {
  static const auto table = [] {
    std::array<uint32_t, 256> t{};
    for (uint32_t i = 0; i < 256; ++i) {
      uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  uint32_t c = 0xFFFFFFFFu;
  for (unsigned char b : s) c = table[(c ^ b) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

void Put16(std::string& out, uint32_t v) {
  out += static_cast<char>(v & 0xFF);
  out += static_cast<char>((v >> 8) & 0xFF);
}
void Put32(std::string& out, uint32_t v) {
  Put16(out, v & 0xFFFF);
  Put16(out, v >> 16);
}

// A zip of stored (uncompressed) entries: APPNOTE.TXT 4.3.7 local headers, 4.3.12 central
// directory, 4.3.16 end record.
std::string StoredZip(const std::vector<std::pair<std::string, std::string_view>>& entries) {
  std::string out, central;
  for (const auto& [name, data] : entries) {
    const uint32_t offset = static_cast<uint32_t>(out.size());
    const uint32_t crc = Crc32(data);
    const auto size = static_cast<uint32_t>(data.size());
    Put32(out, 0x04034b50);
    Put16(out, 20), Put16(out, 0), Put16(out, 0), Put16(out, 0), Put16(out, 0x21);
    Put32(out, crc), Put32(out, size), Put32(out, size);
    Put16(out, static_cast<uint32_t>(name.size())), Put16(out, 0);
    out += name;
    out += data;
    Put32(central, 0x02014b50);
    Put16(central, 20), Put16(central, 20), Put16(central, 0), Put16(central, 0), Put16(central, 0),
        Put16(central, 0x21);
    Put32(central, crc), Put32(central, size), Put32(central, size);
    Put16(central, static_cast<uint32_t>(name.size())), Put16(central, 0), Put16(central, 0), Put16(central, 0),
        Put16(central, 0);
    Put32(central, 0), Put32(central, offset);
    central += name;
  }
  const auto cd_offset = static_cast<uint32_t>(out.size());
  out += central;
  Put32(out, 0x06054b50);
  Put16(out, 0), Put16(out, 0);
  Put16(out, static_cast<uint32_t>(entries.size())), Put16(out, static_cast<uint32_t>(entries.size()));
  Put32(out, static_cast<uint32_t>(central.size())), Put32(out, cd_offset);
  Put16(out, 0);
  return out;
}

std::string FileBytes(std::string_view input) {
  if (input.substr(0, kPartsMagic.size()) != kPartsMagic) return std::string(input);
  input.remove_prefix(kPartsMagic.size());
  std::vector<std::pair<std::string, std::string_view>> entries;
  for (std::size_t i = 0; i < kPartNames.size(); ++i) {
    const auto sep = input.find(kPartSeparator);
    const std::string_view part = input.substr(0, sep);
    if (!part.empty()) entries.emplace_back(kPartNames[i], part);
    if (sep == std::string_view::npos) break;
    input.remove_prefix(sep + kPartSeparator.size());
  }
  return StoredZip(entries);
}

std::string WriteCsv(const Grid& grid) {
  std::string out;
  for (const auto& row : grid) {
    if (row.empty()) out += "\"\"";  // a row of no cells reads back as one empty cell
    for (std::size_t j = 0; j < row.size(); ++j) {
      if (j > 0) out += ',';
      out += '"';
      for (char c : row[j]) {
        if (c == '"') out += '"';
        out += c;
      }
      out += '"';
    }
    out += "\r\n";
  }
  return out;
}

void CheckCsvRoundTrip(const Grid& grid) {
  for (const auto& row : grid) {
    for (const auto& cell : row) {
      if (!SplitUtf8(cell)) return;  // ReadCsv refuses what is not UTF-8, by design
    }
  }
  if (!grid.empty() && !grid[0].empty() && grid[0][0].rfind("\xEF\xBB\xBF", 0) == 0) return;  // a BOM is dropped
  const auto again = ReadCsv(WriteCsv(grid));
  QZ_CHECK(again.ok(), again.ok() ? "" : again.error().message);
  Grid expected = grid;
  for (auto& row : expected) {
    if (row.empty()) row.emplace_back();
  }
  QZ_CHECK(again.value() == expected, "CSV round trip changed the grid");
}

void CheckParsedRoster(const Grid& grid) {
  const ParsedRoster parsed = ParseRoster(grid, kToday);
  const int last_line = std::max<int>(1, static_cast<int>(grid.size()));
  std::set<std::string> fields;
  for (const auto& c : RosterColumns()) fields.insert(c.field);
  std::set<int> error_lines;
  for (const auto& e : parsed.errors) {
    QZ_CHECK(e.line >= 1 && e.line <= last_line, std::to_string(e.line) + " " + e.message);
    QZ_CHECK(!e.field.empty(), e.message);
    QZ_CHECK(HasChinese(e.message), e.field + ": " + e.message);
    if (e.field != "file") {
      QZ_CHECK(fields.count(e.field) == 1, "unknown field " + e.field + ": " + e.message);
      QZ_CHECK(!e.column.empty(), "no column title for " + e.field + ": " + e.message);
    }
    error_lines.insert(e.line);
  }
  int previous = 0;
  std::set<std::string> ids;
  for (const auto& r : parsed.rows) {
    QZ_CHECK(r.line > previous && r.line <= last_line, std::to_string(r.line));
    previous = r.line;
    QZ_CHECK(r.valid == (error_lines.count(r.line) == 0), std::to_string(r.line));
    if (!r.valid) continue;
    QZ_CHECK(r.member.id_number.size() == 18, r.member.id_number);
    QZ_CHECK(!r.unit.empty(), std::to_string(r.line));
    QZ_CHECK(ids.insert(r.member.id_number).second, "two valid rows with ID " + r.member.id_number);
    const auto again = ValidateMember(r.member, kToday);
    QZ_CHECK(again.ok(), again.ok() ? "" : again.error().field + ": " + again.error().message);
    QZ_CHECK(again.value().input.id_number == r.member.id_number, r.member.id_number);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes = FileBytes(std::string_view(reinterpret_cast<const char*>(data), size));
  const auto grid = ReadRosterFile(bytes);
  if (!grid.ok()) {
    CheckUserErrors(grid.errors());
    for (const auto& e : grid.errors()) QZ_CHECK(e.field == "file", e.field);
    return 0;
  }
  CheckCsvRoundTrip(grid.value());
  CheckParsedRoster(grid.value());
  return 0;
}
