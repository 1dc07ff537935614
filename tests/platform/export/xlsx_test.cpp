#include "platform/export/xlsx.hpp"

#include <gtest/gtest.h>
#include <zip.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <unistd.h>
#include <string>
#include <thread>
#include <vector>

namespace qizhi::platform::xport {
namespace {

namespace fs = std::filesystem;

// Every part of an .xlsx (a zip file) by name; fails the test when the zip does not open.
std::map<std::string, std::string> Unzip(const std::string& bytes) {
  std::map<std::string, std::string> parts;
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  EXPECT_NE(source, nullptr);
  if (source == nullptr) return parts;
  zip_t* archive = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  EXPECT_NE(archive, nullptr) << zip_error_strerror(&error);
  if (archive == nullptr) {
    zip_source_free(source);
    zip_error_fini(&error);
    return parts;
  }
  const zip_int64_t n = zip_get_num_entries(archive, 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &st) != 0) continue;
    std::string content(st.size, '\0');
    zip_file_t* file = zip_fopen_index(archive, static_cast<zip_uint64_t>(i), 0);
    EXPECT_NE(file, nullptr);
    if (file == nullptr) continue;
    EXPECT_EQ(zip_fread(file, content.data(), st.size), static_cast<zip_int64_t>(st.size));
    zip_fclose(file);
    parts[st.name] = std::move(content);
  }
  zip_discard(archive);  // also frees the source
  zip_error_fini(&error);
  return parts;
}

bool Contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

Sheet MemberSheet() {
  Sheet s;
  s.name = "党员名册";
  s.title = "大足区人民医院党员名册（截至2026-11-24）";
  s.headers = {"姓名", "身份证号", "手机号", "入党日期"};
  s.widths = {10, 22, 14};  // the fourth is sized automatically
  s.rows = {{"张三", "110105194912310021", "13812345678", "1998-07-01"},
            {"李四", "11010519491231002X", "", "2001-07-01"},
            {"王五"}};
  return s;
}

TEST(XlsxTest, WritesTextCellsTitleAndHeader) {
  const auto bytes = WriteXlsx({MemberSheet()});
  ASSERT_TRUE(bytes.ok()) << bytes.error().message;
  ASSERT_GE(bytes.value().size(), 4u);
  EXPECT_EQ(bytes.value().substr(0, 4), std::string("PK\x03\x04", 4));

  const auto parts = Unzip(bytes.value());
  ASSERT_TRUE(parts.count("xl/workbook.xml"));
  ASSERT_TRUE(parts.count("xl/worksheets/sheet1.xml"));
  EXPECT_TRUE(Contains(parts.at("xl/workbook.xml"), "name=\"党员名册\""));

  // Strings live either in the shared-strings table or inline in the sheet (constant-memory
  // mode writes them inline); either way as text, never as a number <v>.
  std::string strings = parts.at("xl/worksheets/sheet1.xml");
  if (parts.count("xl/sharedStrings.xml")) strings += parts.at("xl/sharedStrings.xml");
  for (const char* text : {"大足区人民医院党员名册（截至2026-11-24）", "姓名", "身份证号", "张三",
                           "110105194912310021", "11010519491231002X", "13812345678", "王五"}) {
    EXPECT_TRUE(Contains(strings, std::string(">") + text + "</t>")) << text;
  }
  const std::string& sheet = parts.at("xl/worksheets/sheet1.xml");
  EXPECT_FALSE(Contains(sheet, "<v>110105194912310021</v>"));
  EXPECT_FALSE(Contains(sheet, "<v>13812345678</v>"));
  EXPECT_TRUE(Contains(sheet, "t=\"inlineStr\"") || parts.count("xl/sharedStrings.xml"));

  EXPECT_TRUE(Contains(sheet, "<mergeCell ref=\"A1:D1\"/>"));    // title across the 4 columns
  EXPECT_TRUE(Contains(sheet, "ySplit=\"2\""));                  // frozen below the header
  EXPECT_TRUE(Contains(sheet, "state=\"frozen\""));
  EXPECT_TRUE(Contains(sheet, "paperSize=\"9\""));               // A4
  EXPECT_TRUE(Contains(sheet, "orientation=\"landscape\""));
  EXPECT_TRUE(Contains(sheet, "fitToHeight=\"0\""));             // one page wide
  EXPECT_TRUE(Contains(sheet, "fitToPage=\"1\""));
  EXPECT_TRUE(Contains(sheet, "gridLines=\"1\""));
  EXPECT_TRUE(Contains(sheet, "numberStoredAsText=\"1\""));
  EXPECT_TRUE(Contains(sheet, "width=\"22.7"));                  // 22 characters + padding
  // The header row is repeated on every printed page.
  EXPECT_TRUE(Contains(parts.at("xl/workbook.xml"), "_xlnm.Print_Titles"));
  EXPECT_TRUE(Contains(parts.at("xl/workbook.xml"), "$2:$2"));
  // Bold header on a solid light fill.
  const std::string& styles = parts.at("xl/styles.xml");
  EXPECT_TRUE(Contains(styles, "<b/>"));
  EXPECT_TRUE(Contains(styles, "FFDDEBF7"));
  EXPECT_TRUE(Contains(styles, "formatCode=\"@\""));
}

TEST(XlsxTest, HeaderOnlyWithoutRows) {
  Sheet s;
  s.name = "名册";
  s.headers = {"姓名", "身份证号"};
  const auto bytes = WriteXlsx({s});
  ASSERT_TRUE(bytes.ok()) << bytes.error().message;
  const auto parts = Unzip(bytes.value());
  ASSERT_TRUE(parts.count("xl/worksheets/sheet1.xml"));
  const std::string& sheet = parts.at("xl/worksheets/sheet1.xml");
  EXPECT_TRUE(Contains(sheet, ">身份证号</t>"));
  EXPECT_TRUE(Contains(sheet, "<dimension ref=\"A1:B1\"/>"));
  EXPECT_TRUE(Contains(sheet, "ySplit=\"1\""));
  EXPECT_TRUE(Contains(parts.at("xl/workbook.xml"), "$1:$1"));
}

TEST(XlsxTest, EmptySheetAndNoSheets) {
  for (const auto& sheets : {std::vector<Sheet>{}, std::vector<Sheet>{Sheet{}}}) {
    const auto bytes = WriteXlsx(sheets);
    ASSERT_TRUE(bytes.ok()) << bytes.error().message;
    const auto parts = Unzip(bytes.value());
    ASSERT_TRUE(parts.count("xl/worksheets/sheet1.xml"));
    EXPECT_TRUE(Contains(parts.at("xl/workbook.xml"), "name=\"Sheet1\""));
  }
}

TEST(XlsxTest, TwentyThousandRows) {
  Sheet s;
  s.name = "居民";
  s.headers = {"序号", "姓名", "身份证号", "手机号", "住址"};
  s.rows.reserve(20000);
  for (int i = 0; i < 20000; ++i) {
    const std::string n = std::to_string(i + 1);
    s.rows.push_back({n, "居民" + n, "5002251970" + std::string(8 - n.size(), '0') + n,
                      "139" + std::string(8 - n.size(), '0') + n, "重庆市大足区龙岗街道" + n + "号"});
  }
  const auto bytes = WriteXlsx({s});
  ASSERT_TRUE(bytes.ok()) << bytes.error().message;
  const auto parts = Unzip(bytes.value());
  ASSERT_TRUE(parts.count("xl/worksheets/sheet1.xml"));
  const std::string& sheet = parts.at("xl/worksheets/sheet1.xml");
  EXPECT_TRUE(Contains(sheet, "<dimension ref=\"A1:E20001\"/>"));
  EXPECT_TRUE(Contains(sheet, ">500225197000020000</t>"));  // the last row, as text
  EXPECT_TRUE(Contains(sheet, ">13900020000</t>"));
  EXPECT_TRUE(Contains(sheet, "<row r=\"20001\""));
  EXPECT_FALSE(Contains(sheet, "<row r=\"20002\""));
}

TEST(XlsxTest, SheetNamesAreRepaired) {
  std::vector<Sheet> sheets(6);
  sheets[0].name = "2026/11 党费";
  sheets[1].name = "'引号'";
  sheets[2].name = std::string(40, 'x');
  sheets[3].name = "Data";
  sheets[4].name = "data";
  sheets[5].name = "";
  const auto bytes = WriteXlsx(sheets);
  ASSERT_TRUE(bytes.ok()) << bytes.error().message;
  const std::string workbook = Unzip(bytes.value()).at("xl/workbook.xml");
  for (const std::string& name : std::vector<std::string>{"2026_11 党费", "引号", std::string(31, 'x'), "Data", "data(2)", "Sheet6"}) {
    EXPECT_TRUE(Contains(workbook, "name=\"" + name + "\"")) << name;
  }
}

TEST(XlsxTest, LongChineseSheetNameIsCutByCharacters) {
  Sheet s;
  s.name = std::string();
  for (int i = 0; i < 40; ++i) s.name += "党";
  const auto bytes = WriteXlsx({s});
  ASSERT_TRUE(bytes.ok()) << bytes.error().message;
  std::string expected;
  for (int i = 0; i < 31; ++i) expected += "党";
  EXPECT_TRUE(Contains(Unzip(bytes.value()).at("xl/workbook.xml"), "name=\"" + expected + "\""));
}

TEST(XlsxTest, BadTextIsCleanedNotFatal) {
  Sheet s;
  s.headers = {"备注"};
  s.rows = {{std::string("a\x01" "b\xff" "c", 6)}, {"x<y & \"z\""}, {std::string(40000, 'z')}};
  const auto bytes = WriteXlsx({s});
  ASSERT_TRUE(bytes.ok()) << bytes.error().message;
  const std::string sheet = Unzip(bytes.value()).at("xl/worksheets/sheet1.xml");
  EXPECT_TRUE(Contains(sheet, ">ab\xEF\xBF\xBD" "c</t>"));  // control dropped, bad byte → U+FFFD
  EXPECT_TRUE(Contains(sheet, "x&lt;y &amp; \"z\"") || Contains(sheet, "x&lt;y &amp; &quot;z&quot;"));
  EXPECT_TRUE(Contains(sheet, ">" + std::string(32767, 'z') + "</t>"));  // Excel's cell limit
}

TEST(XlsxTest, TooManyRowsIsInvalid) {
  Sheet s;
  s.headers = {"姓名"};
  s.rows.resize(1048576);  // plus the header: one row past Excel's limit
  const auto bytes = WriteXlsx({s});
  ASSERT_FALSE(bytes.ok());
  EXPECT_EQ(bytes.error().code, ErrorCode::kInvalid);
}

TEST(XlsxTest, TemporaryFileIsRemoved) {
  const fs::path dir = fs::temp_directory_path() / ("qizhi-xlsx-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const char* old = std::getenv("TMPDIR");
  const std::string saved = old ? old : "";
  ::setenv("TMPDIR", dir.c_str(), 1);
  const auto bytes = WriteXlsx({MemberSheet()});
  if (old) {
    ::setenv("TMPDIR", saved.c_str(), 1);
  } else {
    ::unsetenv("TMPDIR");
  }
  EXPECT_TRUE(bytes.ok());
  EXPECT_TRUE(fs::is_empty(dir));
  fs::remove_all(dir);
}

TEST(XlsxTest, UnwritableTempDirIsAnInternalError) {
  const char* old = std::getenv("TMPDIR");
  const std::string saved = old ? old : "";
  ::setenv("TMPDIR", "/nonexistent/qizhi-no-such-dir", 1);
  const auto bytes = WriteXlsx({MemberSheet()});
  if (old) {
    ::setenv("TMPDIR", saved.c_str(), 1);
  } else {
    ::unsetenv("TMPDIR");
  }
  ASSERT_FALSE(bytes.ok());
  EXPECT_EQ(bytes.error().code, ErrorCode::kInternal);
}

TEST(XlsxTest, ConcurrentWorkbooks) {
  std::vector<std::string> out(4);
  std::vector<std::thread> threads;
  for (size_t i = 0; i < out.size(); ++i) {
    threads.emplace_back([&out, i] {
      auto r = WriteXlsx({MemberSheet()});
      if (r.ok()) out[i] = std::move(r).value();
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& bytes : out) {
    ASSERT_FALSE(bytes.empty());
    EXPECT_TRUE(Contains(Unzip(bytes).at("xl/worksheets/sheet1.xml"), ">110105194912310021</t>"));
  }
}

struct AttachmentCase {
  std::string utf8;
  std::string fallback;
  std::string expected;
};

TEST(AttachmentHeaderTest, Cases) {
  const std::vector<AttachmentCase> cases = {
      {"党员名册（截至2026-11-24）.xlsx", "members-2026-11-24.xlsx",
       "attachment; filename=\"members-2026-11-24.xlsx\"; "
       "filename*=UTF-8''%E5%85%9A%E5%91%98%E5%90%8D%E5%86%8C%EF%BC%88%E6%88%AA%E8%87%B32026-11-24%EF%BC%89.xlsx"},
      {"member list 2026.xlsx", "member list 2026.xlsx",
       "attachment; filename=\"member list 2026.xlsx\"; filename*=UTF-8''member%20list%202026.xlsx"},
      {"a\"b\\c.xlsx", "a\"b\\c.xlsx", "attachment; filename=\"a_b_c.xlsx\"; filename*=UTF-8''a%22b%5Cc.xlsx"},
      {"x\r\nSet-Cookie: a=1", "x\r\nSet-Cookie: a=1",
       "attachment; filename=\"x__Set-Cookie: a=1\"; filename*=UTF-8''x%0D%0ASet-Cookie%3A%20a%3D1"},
      {"名册.xlsx", "", "attachment; filename=\"download\"; filename*=UTF-8''%E5%90%8D%E5%86%8C.xlsx"},
      {"名册.xlsx", "名册.xlsx", "attachment; filename=\"______.xlsx\"; filename*=UTF-8''%E5%90%8D%E5%86%8C.xlsx"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.fallback);
    EXPECT_EQ(AttachmentHeader(c.utf8, c.fallback), c.expected);
  }
}

TEST(AttachmentHeaderTest, ContentTypeIsXlsx) {
  EXPECT_STREQ(kXlsxContentType, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
}

}  // namespace
}  // namespace qizhi::platform::xport
