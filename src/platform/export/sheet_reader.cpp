#include "platform/export/sheet_reader.hpp"

#include <zip.h>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <new>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include "platform/core/date.hpp"
#include "platform/core/text.hpp"

namespace qizhi::platform::sheet {
namespace {

// Bounds on what one upload may cost: a 20 MiB upload of compressed XML can unpack to a
// gigabyte, and a DOM costs several times the text it holds.
constexpr std::size_t kMaxEntryBytes = 200u << 20;
constexpr long kMaxRows = 200'000;
constexpr long kMaxSheetRow = 1'048'576;  // Excel's own limit
constexpr long kMaxSheetColumn = 16'384;  // XFD
// A roster has 17 columns; a value beyond this is a stray note, and materialising the gap
// before it in every row would cost more than the file.
constexpr long kMaxColumns = 1024;

const std::string kFile = "file";

std::string RowsLimitMessage() {
  return "表格超过 " + std::to_string(kMaxRows) + " 行，请分批导入";
}

// ---------------------------------------------------------------------------------------------
// Text helpers

std::string Upper(std::string s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return s;
}

// Strict UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF): GB18030 text almost
// never passes, which is how a CSV saved by Excel's default "CSV (逗号分隔)" is recognised.
bool IsUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    unsigned lo = 0x80;
    unsigned hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return false;
    }
    if (i + len > n) return false;
    if (p[i + 1] < lo || p[i + 1] > hi) return false;
    for (std::size_t k = 2; k < len; ++k) {
      if (p[i + k] < 0x80 || p[i + k] > 0xBF) return false;
    }
    i += len;
  }
  return true;
}

void AppendUtf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// OOXML writes characters XML cannot carry as _xHHHH_ (ECMA-376 §22.9.2.19), e.g. _x000D_.
std::string DecodeOoxmlEscapes(std::string_view s) {
  if (s.find("_x") == std::string_view::npos) return std::string(s);
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    if (i + 7 <= s.size() && s[i] == '_' && s[i + 1] == 'x' && s[i + 6] == '_') {
      unsigned cp = 0;
      bool hex = true;
      for (std::size_t k = 2; k < 6; ++k) {
        const int v = HexValue(s[i + k]);
        if (v < 0) {
          hex = false;
          break;
        }
        cp = cp * 16 + static_cast<unsigned>(v);
      }
      // Surrogate halves cannot stand alone in UTF-8; leave such text as written.
      if (hex && !(cp >= 0xD800 && cp <= 0xDFFF)) {
        AppendUtf8(out, cp);
        i += 7;
        continue;
      }
    }
    out += s[i++];
  }
  return out;
}

template <typename Int>
std::optional<Int> ParseInt(std::string_view s) {
  Int v{};
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

// ---------------------------------------------------------------------------------------------
// CSV

Result<Grid> ParseCsv(std::string_view s) {
  Grid grid;
  std::vector<std::string> row;
  std::string field;
  bool in_quotes = false;
  bool quoted = false;        // the current field began with a quote
  std::size_t quote_row = 0;  // record where an open quote began, for the message
  auto end_field = [&] {
    row.push_back(std::move(field));
    field.clear();
    quoted = false;
  };
  auto end_record = [&]() -> bool {
    end_field();
    grid.push_back(std::move(row));
    row.clear();
    return static_cast<long>(grid.size()) <= kMaxRows;
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < s.size() && s[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        field += c;
      }
      continue;
    }
    if (c == ',') {
      end_field();
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
      if (!end_record()) return Invalid(kFile, RowsLimitMessage());
    } else if (c == '"' && field.empty() && !quoted) {
      in_quotes = true;
      quoted = true;
      quote_row = grid.size() + 1;
    } else {
      // A stray quote inside an unquoted field is kept as text, as Excel does.
      field += c;
    }
  }
  if (in_quotes) {
    return Invalid(kFile, "第 " + std::to_string(quote_row) + " 行的引号没有闭合，文件格式有误");
  }
  if (!field.empty() || !row.empty() || quoted) {
    if (!end_record()) return Invalid(kFile, RowsLimitMessage());
  }
  return grid;
}

// ---------------------------------------------------------------------------------------------
// XLSX: the zip

class ZipArchive {
 public:
  ZipArchive() = default;
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;
  ~ZipArchive() {
    if (zip_ != nullptr) zip_discard(zip_);
  }

  bool Open(std::string_view bytes) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (source != nullptr) {
      zip_ = zip_open_from_source(source, ZIP_RDONLY, &error);
      if (zip_ == nullptr) zip_source_free(source);
    }
    zip_error_fini(&error);
    return zip_ != nullptr;
  }

  enum class Read { kOk, kMissing, kTooLarge, kBroken };

  // Reads at most kMaxEntryBytes, whatever the directory claims: the sizes in a zip are the
  // sender's word, the inflated bytes are not.
  Read Entry(const std::string& name, std::string& out) const {
    out.clear();
    const zip_int64_t index = zip_name_locate(zip_, name.c_str(), ZIP_FL_NOCASE);
    if (index < 0) return Read::kMissing;
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(zip_, static_cast<zip_uint64_t>(index), 0, &st) == 0 &&
        (st.valid & ZIP_STAT_SIZE) != 0 && st.size > kMaxEntryBytes) {
      return Read::kTooLarge;
    }
    zip_file_t* file = zip_fopen_index(zip_, static_cast<zip_uint64_t>(index), 0);
    if (file == nullptr) return Read::kBroken;
    Read result = Read::kOk;
    static constexpr std::size_t kChunk = 64 * 1024;
    std::string chunk(kChunk, '\0');
    for (;;) {
      const zip_int64_t n = zip_fread(file, chunk.data(), kChunk);
      if (n < 0) {
        result = Read::kBroken;
        break;
      }
      if (n == 0) break;
      if (out.size() + static_cast<std::size_t>(n) > kMaxEntryBytes) {
        result = Read::kTooLarge;
        break;
      }
      out.append(chunk.data(), static_cast<std::size_t>(n));
    }
    if (zip_fclose(file) != 0 && result == Read::kOk) result = Read::kBroken;
    if (result != Read::kOk) out.clear();
    return result;
  }

 private:
  zip_t* zip_ = nullptr;
};

// ---------------------------------------------------------------------------------------------
// XLSX: XML helpers. Element names are compared without their prefix: some writers (the
// OpenXML SDK) emit <x:row>, <x:c>.

std::string_view LocalName(const char* name) {
  const std::string_view s(name);
  const auto colon = s.find(':');
  return colon == std::string_view::npos ? s : s.substr(colon + 1);
}

pugi::xml_node Child(pugi::xml_node node, std::string_view local) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && LocalName(c.name()) == local) return c;
  }
  return {};
}

pugi::xml_attribute AttrByLocalName(pugi::xml_node node, std::string_view local) {
  for (pugi::xml_attribute a = node.first_attribute(); a; a = a.next_attribute()) {
    if (LocalName(a.name()) == local) return a;
  }
  return {};
}

// Text of a <si> or <is>: plain <t>, or the <t> of each rich-text run <r>; phonetic guides
// (<rPh>, furigana) are not part of the value.
std::string StringItemText(pugi::xml_node item) {
  std::string out;
  for (pugi::xml_node c = item.first_child(); c; c = c.next_sibling()) {
    if (c.type() != pugi::node_element) continue;
    const std::string_view local = LocalName(c.name());
    if (local == "t") {
      out += c.text().get();
    } else if (local == "r") {
      const pugi::xml_node t = Child(c, "t");
      if (t) out += t.text().get();
    }
  }
  return DecodeOoxmlEscapes(out);
}

constexpr unsigned kXmlOptions = pugi::parse_default | pugi::parse_ws_pcdata_single;

// Parses `buffer` in place (the document points into it, so it must outlive the document).
bool LoadXml(pugi::xml_document& doc, std::string& buffer) {
  return static_cast<bool>(doc.load_buffer_inplace(buffer.data(), buffer.size(), kXmlOptions));
}

// Resolves a relationship target against the workbook part "xl/workbook.xml".
std::optional<std::string> ResolveTarget(std::string_view target) {
  std::string path;
  if (!target.empty() && target.front() == '/') {
    path = std::string(target.substr(1));
  } else {
    path = "xl/" + std::string(target);
  }
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    const auto slash = path.find('/', start);
    const std::string part =
        path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (part == "..") {
      if (parts.empty()) return std::nullopt;
      parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  if (parts.empty()) return std::nullopt;
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out += '/';
    out += p;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// XLSX: number formats

bool IsBuiltinDateFormat(long id) {
  // 14-22 and 45-47 are the dates and times of every locale; 27-36 and 50-58 are the zh-CN
  // dates (yyyy"年"m"月"d"日" …) that WPS and Chinese Excel reference without a <numFmt>.
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
         (id >= 50 && id <= 58);
}

// A custom format is a date when, outside quoted text, escapes and [brackets], it has a year or
// day token, or a month token without hours or seconds (then "mm" is minutes).
bool IsDateFormatCode(std::string_view code) {
  bool y = false, m = false, d = false, h = false, s = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (c == '"') {
      const auto close = code.find('"', i + 1);
      if (close == std::string_view::npos) break;
      i = close;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;  // the next character is literal (or padding)
    } else if (c == '[') {
      const auto close = code.find(']', i + 1);
      if (close == std::string_view::npos) break;
      // [h], [mm], [ss]: elapsed time.
      const std::string inner = Upper(std::string(code.substr(i + 1, close - i - 1)));
      if (!inner.empty() && inner.find_first_not_of("HMS") == std::string::npos) h = true;
      i = close;
    } else {
      switch (c) {
        case 'y':
        case 'Y':
        case 'e':
        case 'E':
          y = true;
          break;
        case 'm':
        case 'M':
          m = true;
          break;
        case 'd':
        case 'D':
          d = true;
          break;
        case 'h':
        case 'H':
          h = true;
          break;
        case 's':
        case 'S':
          s = true;
          break;
        default:
          break;
      }
    }
  }
  // "General" and scientific "0.00E+00" carry an 'e' that is not a year.
  const std::string upper = Upper(std::string(code));
  if (upper.find("GENERAL") != std::string::npos) return false;
  if (upper.find("E+") != std::string::npos || upper.find("E-") != std::string::npos) return false;
  return y || d || (m && !h && !s);
}

// For each cell style (index into <cellXfs>), whether its number format is a date.
std::vector<bool> DateStyles(const pugi::xml_document& styles) {
  const pugi::xml_node root = styles.document_element();
  std::map<long, bool> custom;
  if (const pugi::xml_node fmts = Child(root, "numFmts")) {
    for (pugi::xml_node f = fmts.first_child(); f; f = f.next_sibling()) {
      if (f.type() != pugi::node_element || LocalName(f.name()) != "numFmt") continue;
      custom[f.attribute("numFmtId").as_int(-1)] =
          IsDateFormatCode(f.attribute("formatCode").value());
    }
  }
  std::vector<bool> out;
  if (const pugi::xml_node xfs = Child(root, "cellXfs")) {
    for (pugi::xml_node xf = xfs.first_child(); xf; xf = xf.next_sibling()) {
      if (xf.type() != pugi::node_element || LocalName(xf.name()) != "xf") continue;
      const long id = xf.attribute("numFmtId").as_int(0);
      const auto it = custom.find(id);
      out.push_back(it != custom.end() ? it->second : IsBuiltinDateFormat(id));
    }
  }
  return out;
}

std::string DateText(int y, int m, int d) {
  char buf[40];  // room for any int, so the compiler can prove nothing is cut
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

// Excel serial day → YYYY-MM-DD. The 1900 system counts 1900-02-29, which never was (Lotus
// 1-2-3's bug kept for compatibility): serial 60 is that phantom day, 61 is 1 March.
std::optional<std::string> SerialToDate(double serial, bool date1904) {
  constexpr double kLastSerial = 2958465;  // 9999-12-31
  if (!(serial >= 1) || serial >= kLastSerial + 1) return std::nullopt;
  const int n = static_cast<int>(std::floor(serial));
  if (date1904) return FormatDate(AddDays(Date{1904, 1, 1}, n));
  if (n == 60) return DateText(1900, 2, 29);  // ParseDate refuses it, so the row gets a date error
  return FormatDate(AddDays(Date{1899, 12, n < 60 ? 31 : 30}, n));
}

// A number as Excel shows it in General format: integers in full while exact (below 10^15, where
// Excel keeps 15 significant digits), otherwise 15 significant digits. A long ID number stored as
// a number therefore comes out as 5.00102199003071E+17, which validation refuses, rather than as
// 18 digits whose last ones are invented.
std::string FormatNumber(std::string_view raw) {
  const std::string text(raw);
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(v)) return Trim(text);
  char buf[64];
  if (v == std::floor(v) && std::fabs(v) < 1e15) {
    std::snprintf(buf, sizeof buf, "%.0f", v == 0 ? 0.0 : v);
  } else {
    std::snprintf(buf, sizeof buf, "%.15G", v);
  }
  return buf;
}

// "C12" → column 2 (0-based) and row 12; nullopt for anything else.
struct CellRef {
  long column = -1;
  long row = 0;  // 0 when the reference has no row part
};
std::optional<CellRef> ParseCellRef(std::string_view ref) {
  CellRef out;
  std::size_t i = 0;
  long col = 0;
  while (i < ref.size() && ((ref[i] >= 'A' && ref[i] <= 'Z') || (ref[i] >= 'a' && ref[i] <= 'z'))) {
    col = col * 26 + (Upper(std::string(1, ref[i]))[0] - 'A' + 1);
    if (col > kMaxSheetColumn) return std::nullopt;
    ++i;
  }
  if (i == 0) return std::nullopt;
  out.column = col - 1;
  if (i < ref.size()) {
    const auto row = ParseInt<long>(ref.substr(i));
    if (!row || *row < 1 || *row > kMaxSheetRow) return std::nullopt;
    out.row = *row;
  }
  return out;
}

struct SheetContext {
  const std::vector<std::string>& shared;
  const std::vector<bool>& date_styles;
  bool date1904 = false;
};

Result<std::string> CellValue(pugi::xml_node c, const SheetContext& ctx) {
  const std::string_view type = c.attribute("t").value();
  if (type == "inlineStr") {
    const pugi::xml_node is = Child(c, "is");
    return is ? StringItemText(is) : std::string();
  }
  const pugi::xml_node v = Child(c, "v");
  const std::string_view value = v ? v.text().get() : "";
  if (type == "s") {
    const auto index = ParseInt<long>(Trim(value));
    if (!index || *index < 0 || static_cast<std::size_t>(*index) >= ctx.shared.size()) {
      return Invalid(kFile, "文件内容损坏：单元格引用了不存在的共享字符串");
    }
    return ctx.shared[static_cast<std::size_t>(*index)];
  }
  if (type == "str" || type == "e") return DecodeOoxmlEscapes(value);
  if (type == "b") return std::string(Trim(value) == "1" ? "TRUE" : "FALSE");
  if (type == "d") {
    // ISO 8601 date(-time) cell (strict OOXML): the date part is the value.
    const std::string iso = Trim(value);
    return iso.size() >= 10 && ParseDate(std::string_view(iso).substr(0, 10)) ? iso.substr(0, 10)
                                                                              : iso;
  }
  const std::string number = Trim(value);
  if (number.empty()) return std::string();
  const auto style = ParseInt<long>(c.attribute("s").value());
  if (style && *style >= 0 && static_cast<std::size_t>(*style) < ctx.date_styles.size() &&
      ctx.date_styles[static_cast<std::size_t>(*style)]) {
    char* end = nullptr;
    const double serial = std::strtod(number.c_str(), &end);
    if (end == number.c_str() + number.size()) {
      if (auto date = SerialToDate(serial, ctx.date1904)) return *date;
    }
  }
  return FormatNumber(number);
}

Result<Grid> ReadSheet(const pugi::xml_document& doc, const SheetContext& ctx) {
  Grid grid;
  const pugi::xml_node data = Child(doc.document_element(), "sheetData");
  if (!data) return grid;
  long previous_row = 0;
  long row_elements = 0;
  for (pugi::xml_node row = data.first_child(); row; row = row.next_sibling()) {
    if (row.type() != pugi::node_element || LocalName(row.name()) != "row") continue;
    if (++row_elements > kMaxRows) return Invalid(kFile, RowsLimitMessage());
    long row_number = previous_row + 1;
    if (const pugi::xml_attribute r = row.attribute("r")) {
      const auto parsed = ParseInt<long>(r.value());
      if (!parsed || *parsed < 1 || *parsed > kMaxSheetRow) {
        return Invalid(kFile, "文件内容损坏：行号无效");
      }
      row_number = *parsed;
    }
    previous_row = row_number;
    long previous_column = -1;
    for (pugi::xml_node c = row.first_child(); c; c = c.next_sibling()) {
      if (c.type() != pugi::node_element || LocalName(c.name()) != "c") continue;
      long column = previous_column + 1;
      if (const pugi::xml_attribute r = c.attribute("r")) {
        const auto ref = ParseCellRef(r.value());
        if (!ref) return Invalid(kFile, "文件内容损坏：单元格位置无效");
        column = ref->column;
      }
      previous_column = column;
      if (column >= kMaxColumns) continue;
      auto value = CellValue(c, ctx);
      if (!value.ok()) return value.errors();
      if (value.value().empty()) continue;
      if (row_number > kMaxRows) return Invalid(kFile, RowsLimitMessage());
      if (static_cast<long>(grid.size()) < row_number)
        grid.resize(static_cast<std::size_t>(row_number));
      auto& cells = grid[static_cast<std::size_t>(row_number - 1)];
      if (static_cast<long>(cells.size()) <= column)
        cells.resize(static_cast<std::size_t>(column + 1));
      cells[static_cast<std::size_t>(column)] = std::move(value).value();
    }
  }
  return grid;
}

Error Broken(std::string_view what) { return Invalid(kFile, "文件内容损坏：" + std::string(what)); }

Result<Grid> ReadXlsxUnchecked(std::string_view bytes) {
  ZipArchive zip;
  if (bytes.size() < 4 || !zip.Open(bytes)) {
    return Invalid(kFile,
                   "无法读取该 .xlsx 文件（不是有效的压缩包），请确认文件完整且为 Excel 工作簿");
  }
  const std::string too_large = "工作表内容过大（解压后超过 200 MiB），请分批导入";

  // The first sheet in workbook order; its part name comes from the workbook's relationships.
  bool date1904 = false;
  std::string sheet_path;
  std::string workbook_xml;
  if (zip.Entry("xl/workbook.xml", workbook_xml) == ZipArchive::Read::kOk) {
    pugi::xml_document workbook;
    if (LoadXml(workbook, workbook_xml)) {
      const pugi::xml_node root = workbook.document_element();
      const pugi::xml_attribute d1904 = Child(root, "workbookPr").attribute("date1904");
      date1904 = d1904 && (std::string_view(d1904.value()) == "1" ||
                           std::string_view(d1904.value()) == "true");
      std::string rid;
      if (const pugi::xml_node sheets = Child(root, "sheets")) {
        if (const pugi::xml_node sheet = Child(sheets, "sheet"))
          rid = AttrByLocalName(sheet, "id").value();
      }
      std::string rels_xml;
      pugi::xml_document rels;
      if (!rid.empty() &&
          zip.Entry("xl/_rels/workbook.xml.rels", rels_xml) == ZipArchive::Read::kOk &&
          LoadXml(rels, rels_xml)) {
        const pugi::xml_node root_rels = rels.document_element();
        for (pugi::xml_node r = root_rels.first_child(); r; r = r.next_sibling()) {
          if (r.type() != pugi::node_element || LocalName(r.name()) != "Relationship") continue;
          if (rid != r.attribute("Id").value()) continue;
          if (auto path = ResolveTarget(r.attribute("Target").value())) sheet_path = *path;
          break;
        }
      }
    }
  }

  std::string sheet_xml;
  auto read = ZipArchive::Read::kMissing;
  if (!sheet_path.empty()) read = zip.Entry(sheet_path, sheet_xml);
  if (read == ZipArchive::Read::kMissing) read = zip.Entry("xl/worksheets/sheet1.xml", sheet_xml);
  switch (read) {
    case ZipArchive::Read::kOk:
      break;
    case ZipArchive::Read::kMissing:
      return Invalid(kFile, "文件中没有工作表，请确认是 Excel .xlsx 工作簿");
    case ZipArchive::Read::kTooLarge:
      return Invalid(kFile, too_large);
    case ZipArchive::Read::kBroken:
      return Broken("工作表无法解压");
  }

  std::vector<std::string> shared;
  std::string shared_xml;
  switch (zip.Entry("xl/sharedStrings.xml", shared_xml)) {
    case ZipArchive::Read::kOk: {
      pugi::xml_document sst;
      if (!LoadXml(sst, shared_xml)) return Broken("共享字符串不是有效的 XML");
      const pugi::xml_node root = sst.document_element();
      for (pugi::xml_node si = root.first_child(); si; si = si.next_sibling()) {
        if (si.type() == pugi::node_element && LocalName(si.name()) == "si")
          shared.push_back(StringItemText(si));
      }
      break;
    }
    case ZipArchive::Read::kMissing:
      break;
    case ZipArchive::Read::kTooLarge:
      return Invalid(kFile, too_large);
    case ZipArchive::Read::kBroken:
      return Broken("共享字符串无法解压");
  }
  shared_xml = std::string();

  std::vector<bool> date_styles;
  std::string styles_xml;
  switch (zip.Entry("xl/styles.xml", styles_xml)) {
    case ZipArchive::Read::kOk: {
      pugi::xml_document styles;
      if (!LoadXml(styles, styles_xml)) return Broken("样式不是有效的 XML");
      date_styles = DateStyles(styles);
      break;
    }
    case ZipArchive::Read::kMissing:
      break;
    case ZipArchive::Read::kTooLarge:
      return Invalid(kFile, too_large);
    case ZipArchive::Read::kBroken:
      return Broken("样式无法解压");
  }

  pugi::xml_document sheet;
  if (!LoadXml(sheet, sheet_xml)) return Broken("工作表不是有效的 XML");
  return ReadSheet(sheet, SheetContext{shared, date_styles, date1904});
}

}  // namespace

Result<Grid> ReadCsv(std::string_view bytes) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  if (!IsUtf8(bytes)) {
    return Invalid(
        kFile,
        "文件不是 UTF-8 编码（Excel 默认保存的 CSV 是 GBK/GB18030 编码），请在 Excel 中“另存为”选择"
        "“CSV UTF-8（逗号分隔）”后再导入，或直接导入 .xlsx 文件");
  }
  try {
    return ParseCsv(bytes);
  } catch (const std::bad_alloc&) {
    return Invalid(kFile, "文件过大，无法读取，请分批导入");
  }
}

Result<Grid> ReadXlsx(std::string_view bytes) {
  try {
    return ReadXlsxUnchecked(bytes);
  } catch (const std::bad_alloc&) {
    return Invalid(kFile, "文件过大，无法读取，请分批导入");
  }
}

Result<Grid> ReadFile(std::string_view bytes) {
  if (bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4)) return ReadXlsx(bytes);
  // The OLE2 compound file: a .xls workbook, or an .xlsx saved with a password.
  if (bytes.substr(0, 8) == "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
    return Invalid(
        kFile, "不支持旧版 .xls 或设置了密码的 Excel 文件，请另存为 .xlsx 或 CSV UTF-8 后再导入");
  }
  return ReadCsv(bytes);
}

}  // namespace qizhi::platform::sheet
