#include "party/members/roster.hpp"

#include <gtest/gtest.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "platform/pii/id_number.hpp"

namespace qizhi::party::members {
namespace {

const Date kToday{2026, 3, 15};

std::string Id(std::string_view birth, std::string_view sequence) {
  std::string first17 = "500101" + std::string(birth) + std::string(sequence);
  return first17 + platform::pii::IdNumberCheckCharacter(first17);
}

const std::string kHeader =
    "姓名,性别,公民身份号码,民族,籍贯,学历,人员类别,所在党组织,党员类别,入党日期,转正日期,工作岗位,"
    "联系电话,"
    "是否困难党员,是否流动党员,外出流向,外出日期";

std::string Row(std::string_view name, std::string_view sex, const std::string& id,
                std::string_view joined, std::string_view full, std::string_view status = "正式") {
  return std::string(name) + "," + std::string(sex) + "," + id +
         ",汉族,重庆大足,大学本科,在岗职工,内科党支部," + std::string(status) + "," +
         std::string(joined) + "," + std::string(full) + ",护师,13800000000,否,否,,";
}

Grid Csv(std::string_view text) {
  const auto r = ReadCsv(text);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return r.ok() ? r.value() : Grid{};
}

std::string Errors(const ParsedRoster& p) {
  std::string out;
  for (const auto& e : p.errors) {
    out += std::to_string(e.line) + " " + e.field + " " + e.column + " " + e.message + "\n";
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// CSV

TEST(RosterCsvTest, Rfc4180) {
  struct Case {
    std::string name;
    std::string text;
    Grid grid;
  };
  const std::vector<Case> cases = {
      {"plain", "a,b,c\n1,2,3\n", {{"a", "b", "c"}, {"1", "2", "3"}}},
      {"crlf, no final newline", "a,b\r\n1,2", {{"a", "b"}, {"1", "2"}}},
      {"bom", "\xEF\xBB\xBF姓名,性别\n张三,男\n", {{"姓名", "性别"}, {"张三", "男"}}},
      {"quoted comma", "\"a,b\",c\n", {{"a,b", "c"}}},
      {"quoted newline", "\"line1\nline2\",x\r\ny,z\n", {{"line1\nline2", "x"}, {"y", "z"}}},
      {"doubled quotes", "\"say \"\"hi\"\"\",\"\"\n", {{"say \"hi\"", ""}}},
      {"empty fields", ",,\n", {{"", "", ""}}},
      {"blank line kept for numbering", "a\n\nb\n", {{"a"}, {""}, {"b"}}},
      {"stray quote kept", "a\"b,c\n", {{"a\"b", "c"}}},
      {"empty file", "", {}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(Csv(c.text), c.grid);
  }
}

TEST(RosterCsvTest, RefusesGb18030AndBrokenQuotes) {
  // "姓名,性别" as Excel's default "CSV (逗号分隔)" writes it on a Chinese Windows.
  const auto gbk = ReadCsv("\xD0\xD5\xC3\xFB,\xD0\xD4\xB1\xF0\r\n");
  ASSERT_FALSE(gbk.ok());
  EXPECT_EQ(gbk.error().field, "file");
  EXPECT_NE(gbk.error().message.find("CSV UTF-8"), std::string::npos) << gbk.error().message;
  const auto via_file = ReadRosterFile("\xD0\xD5\xC3\xFB,\xD0\xD4\xB1\xF0\r\n");
  ASSERT_FALSE(via_file.ok());
  EXPECT_EQ(via_file.error().field, "file");

  const auto open_quote = ReadCsv("a,b\n\"unterminated,c\n");
  ASSERT_FALSE(open_quote.ok());
  EXPECT_EQ(open_quote.error().field, "file");
  EXPECT_NE(open_quote.error().message.find("第 2 行"), std::string::npos)
      << open_quote.error().message;

  const auto xls =
      ReadRosterFile(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(100, '\0'));
  ASSERT_FALSE(xls.ok());
  EXPECT_NE(xls.error().message.find(".xls"), std::string::npos);
}

TEST(RosterCsvTest, RefusesMoreThan200000Rows) {
  std::string text;
  text.reserve(200'001 * 2);
  for (int i = 0; i < 200'000; ++i) text += "a\n";
  EXPECT_TRUE(ReadCsv(text).ok());
  text += "a\n";
  const auto r = ReadCsv(text);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().field, "file");
}

// ---------------------------------------------------------------------------------------------
// ParseRoster

TEST(RosterParseTest, ReadsAValidFile) {
  const std::string id1 = Id("19860412", "124");
  const std::string id2 = Id("19900520", "131");
  const auto grid =
      Csv("\xEF\xBB\xBF" + kHeader + "\r\n" + Row("王丽娟", "女", id1, "2010-07-01", "2011-07-01") +
          "\r\n" + Row("陈建国", "男", id2, "2015/7/1", "", "预备") + "\r\n");
  const auto p = ParseRoster(grid, kToday);
  EXPECT_TRUE(p.errors.empty()) << Errors(p);
  ASSERT_EQ(p.rows.size(), 2u);
  EXPECT_EQ(p.rows[0].line, 2);
  EXPECT_TRUE(p.rows[0].valid);
  EXPECT_TRUE(p.rows[1].valid);
  EXPECT_EQ(p.rows[0].member.name, "王丽娟");
  EXPECT_EQ(p.rows[0].member.id_number, id1);
  EXPECT_EQ(p.rows[0].unit, "内科党支部");
  EXPECT_EQ(p.rows[0].member.phone, "13800000000");
  EXPECT_FALSE(p.rows[0].member.hardship);
  EXPECT_EQ(p.rows[1].line, 3);
  EXPECT_EQ(p.rows[1].member.joined_on, "2015-07-01");
  EXPECT_EQ(p.rows[1].member.status, "预备");
}

TEST(RosterParseTest, HeadersInAnyOrderExtraColumnsIgnored) {
  const std::string id = Id("19860412", "124");
  const Grid grid = {
      {"序号", "入党日期", "姓名", "备注", "公民身份号码", "性别", "民族", "学历", "人员类别",
       "所在党组织", "党员类别", "转正日期"},
      {"1", "2010年7月1日", "王丽娟", "任意", id, "女", "汉族", "研究生", "在岗职工", "外科党支部",
       "正式", "2011.07.01"},
  };
  const auto p = ParseRoster(grid, kToday);
  EXPECT_TRUE(p.errors.empty()) << Errors(p);
  ASSERT_EQ(p.rows.size(), 1u);
  EXPECT_EQ(p.rows[0].member.joined_on, "2010-07-01");
  EXPECT_EQ(p.rows[0].member.full_on, "2011-07-01");
  EXPECT_EQ(p.rows[0].member.phone, "");
  EXPECT_EQ(p.rows[0].unit, "外科党支部");
}

TEST(RosterParseTest, MissingRequiredColumnIsAnErrorOnLine1) {
  const Grid grid = {
      {"姓名", "性别", "民族", "学历", "人员类别", "所在党组织", "党员类别", "入党日期"},
      {"王丽娟", "女", "汉族", "研究生", "在岗职工", "外科党支部", "预备", "2020-07-01"}};
  const auto p = ParseRoster(grid, kToday);
  ASSERT_EQ(p.errors.size(), 1u) << Errors(p);
  EXPECT_EQ(p.errors[0].line, 1);
  EXPECT_EQ(p.errors[0].field, "id_number");
  EXPECT_EQ(p.errors[0].column, "公民身份号码");
  EXPECT_TRUE(p.rows.empty());
}

TEST(RosterParseTest, DateFormats) {
  struct Case {
    std::string text;
    std::string iso;  // empty: refused
  };
  const std::vector<Case> cases = {
      {"2020-07-01", "2020-07-01"},
      {"2020-7-1", "2020-07-01"},
      {"2020/7/1", "2020-07-01"},
      {"2020/07/01", "2020-07-01"},
      {"2020.07.01", "2020-07-01"},
      {"2020.7.1", "2020-07-01"},
      {"2020年7月1日", "2020-07-01"},
      {"2020年07月01日", "2020-07-01"},
      {"2020年7月1", "2020-07-01"},
      {"20200701", "2020-07-01"},
      {"2020/7/1 0:00", "2020-07-01"},
      {" 2020-07-01 ", "2020-07-01"},
      {"2020/2/30", ""},
      {"2020-13-01", ""},
      {"7/1/2020", ""},
      {"2020年7月", ""},
      {"yesterday", ""},
      {"2020/7/1 noon", ""},
  };
  const std::string id = Id("19860412", "124");
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    const Grid grid = {
        {"姓名", "性别", "公民身份号码", "民族", "学历", "人员类别", "所在党组织", "党员类别",
         "入党日期"},
        {"王丽娟", "女", id, "汉族", "研究生", "在岗职工", "外科党支部", "预备", c.text}};
    const auto p = ParseRoster(grid, kToday);
    ASSERT_EQ(p.rows.size(), 1u);
    if (c.iso.empty()) {
      ASSERT_EQ(p.errors.size(), 1u) << Errors(p);
      EXPECT_EQ(p.errors[0].field, "joined_on");
      EXPECT_EQ(p.errors[0].column, "入党日期");
      EXPECT_EQ(p.errors[0].line, 2);
    } else {
      EXPECT_TRUE(p.errors.empty()) << Errors(p);
      EXPECT_EQ(p.rows[0].member.joined_on, c.iso);
    }
  }
}

TEST(RosterParseTest, YesNo) {
  struct Case {
    std::string text;
    bool ok;
    bool value;
  };
  const std::vector<Case> cases = {{"是", true, true},     {"否", true, false},
                                   {"", true, false},      {"TRUE", true, true},
                                   {"FALSE", true, false}, {"可能", false, false}};
  const std::string id = Id("19860412", "124");
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    const Grid grid = {{"姓名", "性别", "公民身份号码", "民族", "学历", "人员类别", "所在党组织",
                        "党员类别", "入党日期", "是否困难党员"},
                       {"王丽娟", "女", id, "汉族", "研究生", "在岗职工", "外科党支部", "预备",
                        "2020-07-01", c.text}};
    const auto p = ParseRoster(grid, kToday);
    ASSERT_EQ(p.rows.size(), 1u);
    if (c.ok) {
      EXPECT_TRUE(p.errors.empty()) << Errors(p);
      EXPECT_EQ(p.rows[0].member.hardship, c.value);
    } else {
      ASSERT_EQ(p.errors.size(), 1u);
      EXPECT_EQ(p.errors[0].field, "hardship");
      EXPECT_EQ(p.errors[0].column, "是否困难党员");
    }
  }
}

TEST(RosterParseTest, RowErrorsNameTheColumnWithValidateMembersMessages) {
  std::string wrong_check = Id("19860412", "124");
  wrong_check.back() = wrong_check.back() == '1' ? '2' : '1';
  const std::string good = Id("19860412", "124");
  const auto grid =
      Csv(kHeader + "\n" + Row("王丽娟", "女", wrong_check, "2010-07-01", "2011-07-01") + "\n" +
          Row("", "男", good, "2010-07-01", "2011-06-30") + "\n");
  const auto p = ParseRoster(grid, kToday);
  ASSERT_EQ(p.rows.size(), 2u);
  ASSERT_EQ(p.errors.size(), 4u) << Errors(p);
  EXPECT_EQ(p.errors[0].line, 2);
  EXPECT_EQ(p.errors[0].field, "id_number");
  EXPECT_EQ(p.errors[0].column, "公民身份号码");
  EXPECT_EQ(p.errors[0].message, "身份证号校验位错误");
  EXPECT_FALSE(p.rows[0].valid);
  EXPECT_FALSE(p.rows[1].valid);
  // Line 3 in column order: 姓名, 性别, 转正日期.
  EXPECT_EQ(p.errors[1].line, 3);
  EXPECT_EQ(p.errors[1].column, "姓名");
  EXPECT_EQ(p.errors[2].column, "性别");
  EXPECT_EQ(p.errors[2].message, "身份证号与性别不符");
  EXPECT_EQ(p.errors[3].column, "转正日期");
}

TEST(RosterParseTest, DuplicateIdFlaggedOnTheLaterLineAndBlankRowsSkipped) {
  const std::string id = Id("19860412", "124");
  const auto grid = Csv(kHeader + "\n" + Row("王丽娟", "女", id, "2010-07-01", "2011-07-01") +
                        "\n" + ",,,,,,,,,,,,,,,,\n" + "\n" +
                        Row("王丽娟", "女", " " + id + " ", "2010-07-01", "2011-07-01") + "\n");
  const auto p = ParseRoster(grid, kToday);
  ASSERT_EQ(p.rows.size(), 2u);
  EXPECT_EQ(p.rows[1].line, 5);
  EXPECT_TRUE(p.rows[0].valid);
  EXPECT_FALSE(p.rows[1].valid);  // the duplicate
  ASSERT_EQ(p.errors.size(), 1u) << Errors(p);
  EXPECT_EQ(p.errors[0].line, 5);
  EXPECT_EQ(p.errors[0].field, "id_number");
  EXPECT_EQ(p.errors[0].column, "公民身份号码");
  EXPECT_NE(p.errors[0].message.find("第 2 行"), std::string::npos) << p.errors[0].message;
}

TEST(RosterParseTest, TitleRowAboveTheHeaderAndEmptyFiles) {
  const std::string id = Id("19860412", "124");
  const Grid grid = {
      {"内科党支部党员名册"},
      {"姓名", "性别", "公民身份号码", "民族", "学历", "人员类别", "所在党组织", "党员类别",
       "入党日期"},
      {"王丽娟", "女", id, "汉族", "研究生", "在岗职工", "内科党支部", "预备", "2020-07-01"}};
  const auto p = ParseRoster(grid, kToday);
  EXPECT_TRUE(p.errors.empty()) << Errors(p);
  ASSERT_EQ(p.rows.size(), 1u);
  EXPECT_EQ(p.rows[0].line, 3);

  for (const Grid& empty : {Grid{}, Grid{{""}, {" ", ""}}}) {
    const auto e = ParseRoster(empty, kToday);
    ASSERT_EQ(e.errors.size(), 1u);
    EXPECT_EQ(e.errors[0].line, 1);
    EXPECT_EQ(e.errors[0].field, "file");
  }
}

TEST(RosterParseTest, IdNumberThatExcelTurnedIntoANumber) {
  const Grid grid = {{"姓名", "性别", "公民身份号码", "民族", "学历", "人员类别", "所在党组织",
                      "党员类别", "入党日期"},
                     {"王丽娟", "女", "5.00101198604121E+17", "汉族", "研究生", "在岗职工",
                      "内科党支部", "预备", "2020-07-01"}};
  const auto p = ParseRoster(grid, kToday);
  ASSERT_EQ(p.errors.size(), 1u) << Errors(p);
  EXPECT_EQ(p.errors[0].field, "id_number");
  EXPECT_NE(p.errors[0].message.find("文本"), std::string::npos) << p.errors[0].message;
}

TEST(RosterParseTest, ExportCellsFollowTheColumns) {
  RosterExportRow row;
  row.member.name = "王丽娟";
  row.member.sex = "女";
  row.member.id_number = "500***********1246";
  row.member.status = "正式";
  row.member.hardship = true;
  row.member.hardship_note = "丈夫长期患病";
  row.unit = "内科党支部";
  const auto cells = ExportCells(row);
  ASSERT_EQ(cells.size(), RosterColumns().size());
  EXPECT_EQ(cells[0], "王丽娟");
  EXPECT_EQ(cells[2], "500***********1246");
  EXPECT_EQ(cells[7], "内科党支部");
  EXPECT_EQ(cells[8], "正式");
  EXPECT_EQ(cells[13], "是");
  EXPECT_EQ(cells[14], "丈夫长期患病");
  EXPECT_EQ(cells[15], "否");
  EXPECT_EQ(RosterColumns().size(), 18u);
  EXPECT_EQ(RosterColumns()[2].title, "公民身份号码");
  EXPECT_EQ(RosterColumns()[7].field, "unit");
}

// ---------------------------------------------------------------------------------------------
// XLSX

std::string TempPath(std::string_view suffix) {
  static int counter = 0;
  return (std::filesystem::temp_directory_path() /
          ("qizhi-roster-test-" + std::to_string(::getpid()) + "-" + std::to_string(++counter) +
           std::string(suffix)))
      .string();
}

std::string ReadAndRemove(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::filesystem::remove(path);
  return ss.str();
}

// A roster as Excel users make them, written by libxlsxwriter: shared strings (or inline
// strings in constant-memory mode), a date cell, numbers, a boolean and an empty gap column.
std::string WriteXlsx(bool constant_memory) {
  const std::string path = TempPath(".xlsx");
  lxw_workbook_options options = {};
  options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  if (wb == nullptr) return {};
  lxw_worksheet* ws = workbook_add_worksheet(wb, "党员名册");
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "yyyy\"年\"m\"月\"d\"日\"");
  lxw_format* iso = workbook_add_format(wb);
  format_set_num_format_index(iso, 14);
  lxw_format* money = workbook_add_format(wb);
  format_set_num_format(money, "#,##0.00");

  // Column B is left empty on purpose (the gap); 备注 in column R is an extra column.
  const std::vector<std::string> header = {
      "姓名",       "",         "性别",     "公民身份号码", "民族",     "学历",         "人员类别",
      "所在党组织", "党员类别", "入党日期", "转正日期",     "联系电话", "是否困难党员", "工作岗位"};
  for (std::size_t c = 0; c < header.size(); ++c) {
    if (!header[c].empty())
      worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), header[c].c_str(), nullptr);
  }
  const std::string id = Id("19860412", "124");
  worksheet_write_string(ws, 1, 0, "王丽娟", nullptr);
  worksheet_write_string(ws, 1, 2, "女", nullptr);
  worksheet_write_string(ws, 1, 3, id.c_str(), nullptr);
  worksheet_write_string(ws, 1, 4, "汉族", nullptr);
  worksheet_write_string(ws, 1, 5, "大学本科", nullptr);
  worksheet_write_string(ws, 1, 6, "在岗职工", nullptr);
  worksheet_write_string(ws, 1, 7, "内科党支部", nullptr);
  worksheet_write_string(ws, 1, 8, "正式", nullptr);
  lxw_datetime joined = {2010, 7, 1, 0, 0, 0};
  worksheet_write_datetime(ws, 1, 9, &joined, date);
  lxw_datetime full = {2011, 7, 1, 0, 0, 0};
  worksheet_write_datetime(ws, 1, 10, &full, iso);
  worksheet_write_number(ws, 1, 11, 13800000000.0, nullptr);
  worksheet_write_boolean(ws, 1, 12, 1, nullptr);
  worksheet_write_number(ws, 1, 13, 3.25, money);  // a number in a non-date format stays a number
  // Row 3 left empty; row 4: an ID number typed as a number, as Excel users do.
  worksheet_write_string(ws, 3, 0, "陈建国", nullptr);
  worksheet_write_number(ws, 3, 3, 500101199005201316.0, nullptr);
  if (workbook_close(wb) != LXW_NO_ERROR) return {};
  return ReadAndRemove(path);
}

TEST(RosterXlsxTest, ReadsAWorkbookWrittenByLibxlsxwriter) {
  for (const bool constant_memory : {false, true}) {
    SCOPED_TRACE(constant_memory ? "inline strings" : "shared strings");
    const std::string bytes = WriteXlsx(constant_memory);
    ASSERT_FALSE(bytes.empty());
    const auto r = ReadRosterFile(bytes);
    ASSERT_TRUE(r.ok()) << r.error().message;
    const Grid& g = r.value();
    ASSERT_EQ(g.size(), 4u);
    EXPECT_EQ(g[0][0], "姓名");
    EXPECT_EQ(g[0][1], "");  // the gap stays a gap: columns keep their place
    EXPECT_EQ(g[0][2], "性别");
    ASSERT_EQ(g[1].size(), 14u);
    EXPECT_EQ(g[1][3], Id("19860412", "124"));
    EXPECT_EQ(g[1][9], "2010-07-01");
    EXPECT_EQ(g[1][10], "2011-07-01");
    EXPECT_EQ(g[1][11], "13800000000");
    EXPECT_EQ(g[1][12], "TRUE");
    EXPECT_EQ(g[1][13], "3.25");
    EXPECT_TRUE(g[2].empty());
    EXPECT_EQ(g[3][0], "陈建国");
    EXPECT_EQ(g[3][3], "5.00101199005201E+17");

    const auto p = ParseRoster(g, kToday);
    ASSERT_EQ(p.rows.size(), 2u);
    EXPECT_EQ(p.rows[0].line, 2);
    EXPECT_EQ(p.rows[0].member.joined_on, "2010-07-01");
    EXPECT_EQ(p.rows[0].member.full_on, "2011-07-01");
    EXPECT_TRUE(p.rows[0].member.hardship);
    EXPECT_EQ(p.rows[1].line, 4);
    EXPECT_TRUE(p.rows[0].valid);
    EXPECT_FALSE(p.rows[1].valid);
    bool id_refused = false;
    for (const auto& e : p.errors) {
      EXPECT_EQ(e.line, 4) << e.field << " " << e.message;
      if (e.field == "id_number") id_refused = true;
    }
    EXPECT_TRUE(id_refused) << Errors(p);
  }
}

// A zip built entry by entry, for the parts libxlsxwriter would never write.
std::string MakeZip(const std::map<std::string, std::string>& entries) {
  const std::string path = TempPath(".zip");
  int error = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  if (z == nullptr) return {};
  for (const auto& [name, data] : entries) {
    zip_source_t* src = zip_source_buffer(z, data.data(), data.size(), 0);
    if (src == nullptr || zip_file_add(z, name.c_str(), src, ZIP_FL_OVERWRITE) < 0) {
      zip_source_free(src);
      zip_discard(z);
      return {};
    }
  }
  if (zip_close(z) != 0) {
    zip_discard(z);
    return {};
  }
  return ReadAndRemove(path);
}

const std::string kWorkbook =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
 <sheets><sheet name="名册" sheetId="3" r:id="rId7"/><sheet name="说明" sheetId="1" r:id="rId1"/></sheets>
</workbook>)";
const std::string kRels =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
 <Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/>
 <Relationship Id="rId7" Type="worksheet" Target="/xl/worksheets/../worksheets/roster.xml"/>
</Relationships>)";
const std::string kShared =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3">
 <si><t>姓名</t></si>
 <si><r><rPr><b/></rPr><t>王</t></r><r><t xml:space="preserve">丽娟</t></r><rPh sb="0" eb="1"><t>ワン</t></rPh></si>
 <si><t>a_x000D_b</t></si>
</sst>)";
const std::string kStyles =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
 <numFmts count="3">
  <numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;;@"/>
  <numFmt numFmtId="177" formatCode="[h]:mm:ss"/>
  <numFmt numFmtId="178" formatCode="0.00&quot;天&quot;"/>
 </numFmts>
 <cellXfs count="6">
  <xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="176"/><xf numFmtId="177"/><xf numFmtId="178"/><xf numFmtId="49"/>
 </cellXfs>
</styleSheet>)";

std::string Sheet(std::string_view rows) {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>)" +
         std::string(rows) + "</x:sheetData></x:worksheet>";
}

TEST(RosterXlsxTest, ReadsHandMadeParts) {
  const std::string rows =
      R"(<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="C1" t="s"><x:v>1</x:v></x:c></x:row>)"
      R"(<x:row r="3"><x:c r="A3" s="1"><x:v>60</x:v></x:c><x:c s="1"><x:v>61</x:v></x:c><x:c s="1"><x:v>59</x:v></x:c>)"
      R"(<x:c r="D3" s="2"><x:v>44013.75</x:v></x:c><x:c r="E3" s="3"><x:v>1.5</x:v></x:c>)"
      R"(<x:c r="F3" s="4"><x:v>2.5</x:v></x:c><x:c r="G3" t="str"><x:v>公式</x:v></x:c>)"
      R"(<x:c r="H3" t="inlineStr"><x:is><x:t>内联</x:t></x:is></x:c><x:c r="I3" t="b"><x:v>0</x:v></x:c>)"
      R"(<x:c r="J3" t="e"><x:v>#N/A</x:v></x:c><x:c r="K3" t="s"><x:v>2</x:v></x:c><x:c r="L3"/>)"
      R"(<x:c r="M3"><x:v>1E+21</x:v></x:c><x:c r="N3"><x:v>-0</x:v></x:c><x:c r="O3"><x:v>0.1</x:v></x:c></x:row>)";
  const std::string bytes =
      MakeZip({{"xl/workbook.xml", kWorkbook},
               {"xl/_rels/workbook.xml.rels", kRels},
               {"xl/sharedStrings.xml", kShared},
               {"xl/styles.xml", kStyles},
               {"xl/worksheets/sheet1.xml",
                Sheet("<x:row r=\"1\"><x:c r=\"A1\" "
                      "t=\"inlineStr\"><x:is><x:t>说明</x:t></x:is></x:c></x:row>")},
               {"xl/worksheets/roster.xml", Sheet(rows)}});
  ASSERT_FALSE(bytes.empty());
  const auto r = ReadXlsx(bytes);
  ASSERT_TRUE(r.ok()) << r.error().message;
  const Grid& g = r.value();
  ASSERT_EQ(g.size(), 3u);
  EXPECT_EQ(g[0], (std::vector<std::string>{"姓名", "", "王丽娟"}));
  EXPECT_TRUE(g[1].empty());
  const std::vector<std::string> expected = {
      "1900-02-29", "1900-03-01", "1900-02-28", "2020-07-01", "1.5",   "2.5", "公式", "内联",
      "FALSE",      "#N/A",       "a\rb",       "",           "1E+21", "0",   "0.1"};
  EXPECT_EQ(g[2], expected);
}

TEST(RosterXlsxTest, FallsBackToSheet1AndHonoursDate1904) {
  const std::string workbook =
      R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><workbookPr date1904="1"/></workbook>)";
  const std::string bytes = MakeZip(
      {{"xl/workbook.xml", workbook},
       {"xl/styles.xml", kStyles},
       {"xl/worksheets/sheet1.xml",
        Sheet(R"(<x:row><x:c s="1"><x:v>0</x:v></x:c><x:c s="1"><x:v>1</x:v></x:c></x:row>)")}});
  const auto r = ReadXlsx(bytes);
  ASSERT_TRUE(r.ok()) << r.error().message;
  // Serial 0 is no day in either system: kept as the number.
  EXPECT_EQ(r.value(), (Grid{{"0", "1904-01-02"}}));
}

TEST(RosterXlsxTest, MalformedFilesAreErrorsNeverCrashes) {
  const std::string good = WriteXlsx(false);
  ASSERT_FALSE(good.empty());
  std::vector<std::pair<std::string, std::string>> cases = {
      {"garbage after the zip magic", std::string("PK\x03\x04", 4) + std::string(2000, '\x5a')},
      {"magic only", std::string("PK\x03\x04", 4)},
      {"truncated to half", good.substr(0, good.size() / 2)},
      {"truncated by one byte", good.substr(0, good.size() - 1)},
      {"no sheet", MakeZip({{"xl/workbook.xml", kWorkbook}})},
      {"sheet not XML", MakeZip({{"xl/worksheets/sheet1.xml", "<worksheet><sheetData><row>"}})},
      {"bad shared string index",
       MakeZip({{"xl/worksheets/sheet1.xml",
                 Sheet(R"(<x:row><x:c t="s"><x:v>7</x:v></x:c></x:row>)")}})},
      {"bad cell ref", MakeZip({{"xl/worksheets/sheet1.xml",
                                 Sheet(R"(<x:row><x:c r="1A"><x:v>7</x:v></x:c></x:row>)")}})},
      {"bad row number", MakeZip({{"xl/worksheets/sheet1.xml",
                                   Sheet(R"(<x:row r="0"><x:c><x:v>7</x:v></x:c></x:row>)")}})},
      {"row beyond the limit",
       MakeZip({{"xl/worksheets/sheet1.xml",
                 Sheet(R"(<x:row r="200001"><x:c><x:v>7</x:v></x:c></x:row>)")}})},
  };
  // Every byte position flipped in turn on a small file: whatever libzip and pugixml make of it.
  for (std::size_t i = 0; i < good.size(); i += 97) {
    std::string flipped = good;
    flipped[i] = static_cast<char>(flipped[i] ^ 0x55);
    cases.push_back({"flipped byte " + std::to_string(i), flipped});
  }
  for (const auto& [name, bytes] : cases) {
    SCOPED_TRACE(name);
    const auto r = ReadRosterFile(bytes);
    if (name.rfind("flipped", 0) == 0) {
      if (!r.ok()) {
        EXPECT_EQ(r.error().field, "file");
      }
      continue;
    }
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().field, "file");
    EXPECT_EQ(r.error().code, ErrorCode::kInvalid);
    EXPECT_FALSE(r.error().message.empty());
  }
}

TEST(RosterXlsxTest, BoundsTheWork) {
  // 200,001 rows: refused, whatever they hold.
  std::string rows;
  rows.reserve(200'001 * 40);
  for (int i = 1; i <= 200'001; ++i)
    rows += "<x:row r=\"" + std::to_string(i) + "\"><x:c><x:v>1</x:v></x:c></x:row>";
  const auto too_many = ReadXlsx(MakeZip({{"xl/worksheets/sheet1.xml", Sheet(rows)}}));
  ASSERT_FALSE(too_many.ok());
  EXPECT_EQ(too_many.error().field, "file");
  EXPECT_NE(too_many.error().message.find("200000"), std::string::npos) << too_many.error().message;

  // A sheet that inflates past 200 MiB: refused before it is parsed.
  std::string huge = Sheet("");
  huge.insert(huge.find("<x:sheetData>"), (200u << 20) + 1 - huge.size(), ' ');
  const std::string bomb = MakeZip({{"xl/worksheets/sheet1.xml", huge}});
  huge = std::string();
  ASSERT_FALSE(bomb.empty());
  EXPECT_LT(bomb.size(), 1u << 20);
  const auto refused = ReadXlsx(bomb);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "file");
  EXPECT_NE(refused.error().message.find("200 MiB"), std::string::npos) << refused.error().message;
}

}  // namespace
}  // namespace qizhi::party::members
